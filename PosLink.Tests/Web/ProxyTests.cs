using System.Net;
using PosLink.Tests.Support;

namespace PosLink.Tests.Web;

/// <summary>Behind a known reverse proxy the app sees the client's address and scheme; from anywhere else, forwarded headers change nothing.</summary>
public sealed class ProxyTests
{
    private static Dictionary<string, string> WrongPassword => new() { ["Input.Email"] = "finance@poslink.test", ["Input.Password"] = "not the password at all" };

    private static async Task<List<HttpStatusCode>> SignInAttemptsAsync(Uri address, string forwardedFor, int count)
    {
        using var browser = new FormClient(address).WithHeader("X-Forwarded-For", forwardedFor);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await browser.SubmitAsync("/account/login", WrongPassword)).StatusCode);
        }
        return statuses;
    }

    [Fact]
    public async Task KnownProxy_RateLimitsSignInPerClient_NotPerProxy()
    {
        await using var app = new PosLinkAppFactory().WithRealClock()
            .With("PosLink:Security:SignInAttemptsPerMinute", "2")
            .With("PosLink:Hosting:KnownProxies:0", "127.0.0.1");
        var address = app.StartOnKestrel();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await SignInAttemptsAsync(address, "203.0.113.7", 3));
        // Another client behind the same proxy has its own allowance.
        Assert.Equal([HttpStatusCode.OK], await SignInAttemptsAsync(address, "203.0.113.8", 1));
    }

    [Fact]
    public async Task UnknownProxy_ForwardedForIsIgnored_SoItCannotDodgeTheLimit()
    {
        await using var app = new PosLinkAppFactory().WithRealClock().With("PosLink:Security:SignInAttemptsPerMinute", "2");
        var address = app.StartOnKestrel();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await SignInAttemptsAsync(address, "203.0.113.7", 2));
        Assert.Equal([HttpStatusCode.TooManyRequests], await SignInAttemptsAsync(address, "203.0.113.8", 1));
    }

    [Fact]
    public async Task TwoFactorSignInPosts_AreRateLimitedLikeThePasswordOnes()
    {
        await using var app = new PosLinkAppFactory().WithRealClock().With("PosLink:Security:SignInAttemptsPerMinute", "2");
        using var browser = new FormClient(app.StartOnKestrel());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await browser.SubmitAsync("/account/login-2fa", new Dictionary<string, string> { ["Input.Code"] = "123456" })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Theory]
    [InlineData("/account/login", "/account/login/")]
    [InlineData("/account/login", "/ACCOUNT/Login")]
    [InlineData("/account/login", "/Account/LOGIN/")]
    [InlineData("/account/login-2fa", "/account/login-2fa/")]
    [InlineData("/account/login-2fa", "/ACCOUNT/LOGIN-2FA")]
    public async Task TheSignInLimit_HoldsForEverySpellingOfTheEndpointsPath(string page, string spelling)
    {
        await using var app = new PosLinkAppFactory().WithRealClock().With("PosLink:Security:SignInAttemptsPerMinute", "2");
        using var browser = new FormClient(app.StartOnKestrel());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var fields = page.EndsWith("2fa", StringComparison.Ordinal)
                ? new Dictionary<string, string> { ["Input.Code"] = "123456" }
                : new Dictionary<string, string> { ["Input.Email"] = "nobody@poslink.test", ["Input.Password"] = "wrong wrong wrong" };
            statuses.Add((await browser.SubmitAsync(page, fields, action: spelling)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task ForwardedProtoHttps_GivesASecureCookie_AndHsts_PlainHttpIsRedirected()
    {
        await using var app = new PosLinkAppFactory().WithRealClock().InEnvironment("Production")
            .With("PosLink:Sandbox:AllowInProduction", "true")
            .With("PosLink:Hosting:KnownProxies:0", "127.0.0.0/8");
        var address = app.StartOnKestrel();
        await TestStaff.CreateForTestSignInAsync(app.Services);

        using var https = new FormClient(address).WithHeader("X-Forwarded-Proto", "https").WithHeader("Host", "poslink.example.com");
        var signIn = await https.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "finance@poslink.test", ["Input.Password"] = "a long test passphrase" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("PosLink.Auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", Assert.Single(signIn.Headers.GetValues("Strict-Transport-Security")));

        using var http = new FormClient(address).WithHeader("X-Forwarded-Proto", "http").WithHeader("Host", "poslink.example.com");
        var plain = await http.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https://poslink.example.com/account/login", plain.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Hsts_CoversSubdomains_WhenTheOperatorSaysSo()
    {
        await using var app = new PosLinkAppFactory().WithRealClock().InEnvironment("Production")
            .With("PosLink:Sandbox:AllowInProduction", "true")
            .With("PosLink:Security:HstsIncludeSubDomains", "true")
            .With("PosLink:Hosting:KnownProxies:0", "127.0.0.0/8");
        using var https = new FormClient(app.StartOnKestrel()).WithHeader("X-Forwarded-Proto", "https").WithHeader("Host", "poslink.example.com");

        var page = await https.GetAsync("/account/login");

        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("203.0.113.0/24", HttpStatusCode.OK)]
    [InlineData("203.0.113.7", HttpStatusCode.OK)]
    [InlineData("198.51.100.1", HttpStatusCode.NotFound)]
    public async Task ThePublicDemosSandbox_AnswersOnlyThisMachine_AndTheClientsNamed(string? allowed, HttpStatusCode expected)
    {
        var factory = new PosLinkAppFactory().WithRealClock().InEnvironment("Production")
            .With("PosLink:Sandbox:AllowInProduction", "true")
            .With("PosLink:Hosting:KnownProxies:0", "127.0.0.0/8");
        await using var app = allowed is null ? factory : factory.With("PosLink:Sandbox:AllowedClients:0", allowed);
        var address = app.StartOnKestrel();
        using var http = new HttpClient { BaseAddress = address };
        async Task<HttpStatusCode> VoidFromAsync(string? client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "sandbox/" + PosLink.Domain.Gateway.GatewayPaths.For(PosLink.Domain.Gateway.GatewayEndpoint.QuickVoidAuthorization))
            {
                Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            };
            if (client is not null)
            {
                request.Headers.Add("X-Forwarded-For", client);
            }
            return (await http.SendAsync(request)).StatusCode;
        }

        // The app on this machine calls its own sandbox; someone across the internet is another client.
        Assert.Equal(HttpStatusCode.OK, await VoidFromAsync(null));
        Assert.Equal(expected, await VoidFromAsync("203.0.113.7"));
    }
}
