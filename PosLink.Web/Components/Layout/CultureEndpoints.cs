using Microsoft.AspNetCore.Localization;

namespace PosLink.Web.Components.Layout;

/// <summary>The language switch: remembers the choice in the culture cookie and goes back to the page.</summary>
public static class CultureEndpoints
{
    public const string Path = "/culture";

    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context, string culture, string? redirect) =>
        {
            var chosen = WebComposition.Cultures.FirstOrDefault(c => c.Name.Equals(culture, StringComparison.OrdinalIgnoreCase)) ?? WebComposition.Cultures[0];
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            // Only a local path: never an open redirect.
            var target = redirect is { Length: > 0 } && redirect.StartsWith('/') && !redirect.StartsWith("//", StringComparison.Ordinal) ? redirect : "/";
            return Results.LocalRedirect(target);
        });
        return endpoints;
    }
}
