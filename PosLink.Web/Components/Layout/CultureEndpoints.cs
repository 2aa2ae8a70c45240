using Microsoft.AspNetCore.Localization;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Layout;

/// <summary>The language switch: remembers the choice in the culture cookie and goes back to the page.</summary>
public static class CultureEndpoints
{
    public const string Path = "/culture";

    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context, string culture, string? redirect) =>
        {
            var chosen = Languages.Find(culture);
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(IsLocalPath(redirect) ? redirect : "/");
        });
        return endpoints;
    }

    /// <summary>The link that switches to <paramref name="language"/> and comes back to <paramref name="path"/>.</summary>
    public static string Link(System.Globalization.CultureInfo language, string path) =>
        $"{Path}?culture={Uri.EscapeDataString(language.Name)}&redirect={Uri.EscapeDataString(path)}";

    /// <summary>
    /// Whether <paramref name="url"/> is a path on this site, as ASP.NET Core's <c>IsLocalUrl</c> judges it: browsers
    /// read "/\evil" and "/\t/evil" as another host, and <see cref="Results.LocalRedirect"/> throws on them (a 500).
    /// </summary>
    private static bool IsLocalPath([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? url) =>
        url is ['/', ..] && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);
}
