using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace PosLink.Web;

/// <summary>
/// The one settings file, <c>appsettings.json</c> at the repository's top, is copied beside the app's
/// binaries. It takes the place of the content-root file in the configuration chain, so environment
/// variables, user-secrets and the command line still override it.
/// </summary>
public static class SettingsFile
{
    public const string Name = "appsettings.json";

    public static void UseAppSettingsBesideBinaries(this IConfigurationManager configuration)
    {
        var sources = configuration.Sources;
        var replacement = new JsonConfigurationSource
        {
            Path = Name,
            Optional = false,
            // The same switch as the host's own settings files (DOTNET_hostBuilder__reloadConfigOnChange): every
            // watcher costs an inotify instance, of which a process has few.
            ReloadOnChange = configuration.GetValue("hostBuilder:reloadConfigOnChange", true),
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        var existing = sources.OfType<JsonConfigurationSource>().FirstOrDefault(s => s.Path == Name);
        if (existing is null)
        {
            sources.Insert(0, replacement);
        }
        else
        {
            sources[sources.IndexOf(existing)] = replacement;
        }
    }
}
