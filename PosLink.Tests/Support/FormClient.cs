using System.Net;
using System.Text.RegularExpressions;

namespace PosLink.Tests.Support;

/// <summary>A cookie-keeping HTTP client that submits the app's server-rendered forms as a browser would.</summary>
public sealed partial class FormClient(Uri address, CookieContainer? cookies = null) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };

    /// <summary>Sends a request as this browser (its cookies), with the headers <paramref name="configure"/> adds.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        configure?.Invoke(request);
        return await _http.SendAsync(request);
    }

    /// <summary>Adds a header to every request from now on (a proxy's X-Forwarded-For, say).</summary>
    public FormClient WithHeader(string name, string value)
    {
        _http.DefaultRequestHeaders.Remove(name);
        _http.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        return this;
    }

    public async Task<HttpResponseMessage> GetAsync(string path) => await _http.GetAsync(path.TrimStart('/'));

    /// <summary>
    /// Loads the page at <paramref name="path"/>, fills its form's hidden fields (antiforgery, handler) and posts
    /// <paramref name="fields"/> to the page, or to <paramref name="action"/> (a form whose action is another endpoint).
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IDictionary<string, string> fields, string? action = null)
    {
        var html = await (await _http.GetAsync(path.TrimStart('/'))).Content.ReadAsStringAsync();
        var form = new Dictionary<string, string>(fields);
        foreach (Match hidden in HiddenInput().Matches(html))
        {
            form.TryAdd(WebUtility.HtmlDecode(hidden.Groups["name"].Value), WebUtility.HtmlDecode(hidden.Groups["value"].Value));
        }
        using var content = new FormUrlEncodedContent(form);
        return await _http.PostAsync((action ?? path).TrimStart('/'), content);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
