namespace PosLink.Web.Hosting;

/// <summary>
/// The headers every response carries, the Hangfire dashboard and the sandbox included: a Content-Security-Policy
/// that Blazor Server and MudBlazor work under without <c>unsafe-eval</c> (scripts only from this origin or with
/// the page's nonce; inline styles, which MudBlazor sets on elements, allowed), no framing, no sniffing, and the
/// origin only as referrer.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UsePosLinkSecurityHeaders(this IApplicationBuilder app) =>
        app.UseSecurityHeaders(policies => policies
            .AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                // The import map is the one inline script: it carries the response's nonce.
                csp.AddScriptSrc().Self().WithNonce();
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self().Data();
                // The circuit's WebSocket is same-origin.
                csp.AddConnectSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            }));
}
