using System.Net;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Web;

public sealed class AppStartTests
{
    [Fact]
    public async Task GatewayPage_ShowsSandboxMode_AndTheSandboxItCalls()
    {
        await using var app = new PosLinkAppFactory().WithTestSignIn();
        var address = app.StartOnKestrel();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "admin/gateway"));
        request.Headers.Add(TestSignIn.RoleHeader, StaffRole.Admin);
        using var response = await http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("沙箱", html, StringComparison.Ordinal);
        Assert.Contains(new Uri(address, "sandbox/").ToString(), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn_WhichAnswersInChinese()
    {
        await using var app = new PosLinkAppFactory();
        var address = app.StartOnKestrel();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var home = await http.GetAsync(address);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/login", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var login = await http.GetStringAsync(new Uri(address, "account/login"));
        Assert.Contains("<html lang=\"zh-CN\"", login, StringComparison.Ordinal);
        Assert.Contains("登录", login, StringComparison.Ordinal);
    }
}
