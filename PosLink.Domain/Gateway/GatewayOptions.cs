using Microsoft.Extensions.Options;

namespace PosLink.Domain.Gateway;

/// <summary>Where the gateway client sends: the built-in sandbox, or ChinaUMS itself.</summary>
public enum GatewayMode
{
    /// <summary>The app's own ChinaUMS stand-in at <c>/sandbox</c>; the default, so the app runs offline.</summary>
    Sandbox,

    /// <summary>A real ChinaUMS host (production or test environment).</summary>
    Live,
}

/// <summary>Settings under <c>PosLink:Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string Section = "PosLink:Gateway";

    public GatewayMode Mode { get; set; } = GatewayMode.Sandbox;

    /// <summary>The host the nine endpoints hang under, e.g. <c>https://api-mop.chinaums.com</c>.
    /// In Sandbox mode it may stay empty: the app then calls its own sandbox on its own address.</summary>
    public string? BaseUrl { get; set; }

    public string? AppId { get; set; }

    /// <summary>The signing key. Never in a committed file for Live: user-secrets or the
    /// <c>PosLink__Gateway__AppKey</c> environment variable.</summary>
    public string? AppKey { get; set; }

    /// <summary>How long to wait for an answer before the outcome is treated as unknown.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Keeps the key out of anything that prints the options.</summary>
    public override string ToString() =>
        $"GatewayOptions {{ Mode = {Mode}, BaseUrl = {BaseUrl}, AppId = {AppId}, AppKey = {(string.IsNullOrEmpty(AppKey) ? "(none)" : "(set)")}, TimeoutSeconds = {TimeoutSeconds} }}";
}

/// <summary>
/// Refuses to start with settings that could only fail at the first payment: in Live mode every key must be
/// present and well formed, and each message names the key to fix.
/// </summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (options.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add($"{GatewayOptions.Section}:TimeoutSeconds must be between 1 and 300 seconds; it is {options.TimeoutSeconds}.");
        }
        if (options.Mode == GatewayMode.Live)
        {
            if (string.IsNullOrWhiteSpace(options.BaseUrl))
            {
                failures.Add($"{GatewayOptions.Section}:BaseUrl is required in Live mode (e.g. https://api-mop.chinaums.com).");
            }
            else if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{GatewayOptions.Section}:BaseUrl must be an absolute http(s) URL; it is '{options.BaseUrl}'.");
            }
            else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            {
                // Signed requests carry pay codes and move money: never in clear text over a network.
                failures.Add($"{GatewayOptions.Section}:BaseUrl must be https:// in Live mode (plain http:// only for a loopback stand-in); it is '{options.BaseUrl}'.");
            }
            if (string.IsNullOrWhiteSpace(options.AppId))
            {
                failures.Add($"{GatewayOptions.Section}:AppId is required in Live mode.");
            }
            else if (!IsHeaderSafe(options.AppId))
            {
                failures.Add($"{GatewayOptions.Section}:AppId may hold only letters and digits; it is '{options.AppId}'.");
            }
            if (string.IsNullOrWhiteSpace(options.AppKey))
            {
                failures.Add($"{GatewayOptions.Section}:AppKey is required in Live mode; set it with user-secrets or the PosLink__Gateway__AppKey environment variable.");
            }
            else if (options.AppKey.Trim().Length != options.AppKey.Length)
            {
                // The value itself is never echoed: it is a secret.
                failures.Add($"{GatewayOptions.Section}:AppKey has leading or trailing white space.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The AppId is written inside a quoted header part, so anything but letters and digits would break it.
    private static bool IsHeaderSafe(string value) => value.All(char.IsAsciiLetterOrDigit);
}
