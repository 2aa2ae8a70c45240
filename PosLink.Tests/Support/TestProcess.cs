using System.Runtime.CompilerServices;

namespace PosLink.Tests.Support;

/// <summary>Settings for the whole test process, applied before any test host starts.</summary>
internal static class TestProcess
{
    public const string NoConfigReload = "DOTNET_hostBuilder__reloadConfigOnChange";

#pragma warning disable CA2255 // A test assembly, not a library: this runs once, before the first host.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() =>
        // Dozens of app hosts start in this process; each watching its settings files would use up the
        // system's inotify instances (128 per user), and hosts would then fail to start.
        Environment.SetEnvironmentVariable(NoConfigReload, "false");
}
