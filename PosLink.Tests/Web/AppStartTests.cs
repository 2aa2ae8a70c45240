using PosLink.Tests.Support;

namespace PosLink.Tests.Web;

public sealed class AppStartTests
{
    [Fact]
    public async Task HomePage_AnswersInSandboxMode_WithTheSandboxItCalls()
    {
        await using var app = new PosLinkAppFactory();
        var address = app.StartOnKestrel();
        using var http = new HttpClient();
        var html = await http.GetStringAsync(address);
        Assert.Contains("沙箱 Sandbox", html, StringComparison.Ordinal);
        Assert.Contains(new Uri(address, "sandbox/").ToString(), html, StringComparison.Ordinal);
    }
}
