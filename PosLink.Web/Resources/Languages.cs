using System.Globalization;

namespace PosLink.Web.Resources;

/// <summary>
/// The languages the app speaks: zh-CN, the catalogue's own (Texts.resx, and the default whatever the browser asks),
/// then every language whose catalogue file (Texts.{culture}.resx, built into a satellite assembly beside the app)
/// is present. Adding a language is adding its file.
/// </summary>
public static class Languages
{
    public static readonly CultureInfo Default = new("zh-CN");

    public static IReadOnlyList<CultureInfo> All { get; } = Discover();

    /// <summary>The reader's language, as one of <see cref="All"/>.</summary>
    public static CultureInfo Current =>
        All.FirstOrDefault(c => c.Name.Equals(CultureInfo.CurrentUICulture.Name, StringComparison.OrdinalIgnoreCase)) ?? Default;

    /// <summary>The languages the reader may switch to.</summary>
    public static IEnumerable<CultureInfo> Others => All.Where(c => !c.Equals(Current));

    /// <summary>A language's name in itself (中文, English), from its own catalogue.</summary>
    public static string NameOf(CultureInfo culture) => L.Catalogue.GetString("LanguageName", culture) ?? culture.NativeName;

    /// <summary>The supported culture named <paramref name="name"/>, or the default.</summary>
    public static CultureInfo Find(string? name) =>
        All.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? Default;

    private static List<CultureInfo> Discover()
    {
        var folder = Path.GetDirectoryName(typeof(L).Assembly.Location) ?? AppContext.BaseDirectory;
        var satellite = typeof(L).Assembly.GetName().Name + ".resources.dll";
        var found = Directory.EnumerateDirectories(folder)
            .Where(d => File.Exists(Path.Combine(d, satellite)))
            .Select(d => TryCulture(Path.GetFileName(d)))
            .OfType<CultureInfo>()
            .Where(c => !c.Equals(Default))
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        return [Default, .. found];
    }

    private static CultureInfo? TryCulture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
