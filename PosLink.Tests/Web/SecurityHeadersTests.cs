using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Web;

/// <summary>Every response carries the security headers: pages, the Hangfire dashboard and the sandbox alike.</summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private readonly PosLinkAppFactory _app = new PosLinkAppFactory().WithTestSignIn();
    private Uri _address = default!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnKestrel();
        await TestStaff.CreateForTestSignInAsync(_app.Services);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, string> Responses() => new()
    {
        { "GET", "/account/login" },
        { "GET", "/" },
        { "GET", "/admin/jobs" },
        { "POST", "/sandbox/v1/poslink/transaction/activeterminal" },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Response_CarriesCspAndTheOtherHeaders(string method, string path)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_address, path.TrimStart('/')));
        request.Headers.Add(TestSignIn.RoleHeader, StaffRole.Admin);
        if (method == "POST")
        {
            request.Content = new StringContent("{}");
        }
        using var response = await http.SendAsync(request);
        Assert.True((int)response.StatusCode < 400, $"{path}: {(int)response.StatusCode}");

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"), "the Server header names the stack");
    }

    [Fact]
    public async Task Page_TheImportMapCarriesTheResponsesNonce()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_address, "account/login"));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = csp[(csp.IndexOf("'nonce-", StringComparison.Ordinal) + 7)..];
        nonce = nonce[..nonce.IndexOf('\'', StringComparison.Ordinal)];
        var html = await response.Content.ReadAsStringAsync();
        // The browser compares the decoded attribute ('+' may be written as an entity).
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }
}
