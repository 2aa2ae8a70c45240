using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;
using PosLink.Tests.Support;

namespace PosLink.Tests.Gateway;

public sealed class GatewayOptionsTests
{
    private static GatewayOptions Live() => new()
    {
        Mode = GatewayMode.Live,
        BaseUrl = "https://api-mop.chinaums.com",
        AppId = "10037e6f6a4e6da4016a62a47e51018c",
        AppKey = "1c4e3b16066244ae9b236a09e5b312e8",
    };

    [Fact]
    public void Live_WithEveryKey_IsValid()
    {
        Assert.True(new GatewayOptionsValidator().Validate(null, Live()).Succeeded);
    }

    [Fact]
    public void Sandbox_NeedsNoCredentialsOfItsOwn()
    {
        Assert.True(new GatewayOptionsValidator().Validate(null, new GatewayOptions()).Succeeded);
    }

    public static TheoryData<string, string> BrokenLiveSettings() => new()
    {
        { "AppKey=", "PosLink:Gateway:AppKey is required" },
        { "AppKey= ", "PosLink:Gateway:AppKey is required" },
        { "AppKey= key ", "PosLink:Gateway:AppKey has leading or trailing white space" },
        { "AppId=", "PosLink:Gateway:AppId is required" },
        { "AppId=abc\"def", "PosLink:Gateway:AppId may hold only letters and digits" },
        { "BaseUrl=", "PosLink:Gateway:BaseUrl is required" },
        { "BaseUrl=api-mop.chinaums.com", "PosLink:Gateway:BaseUrl must be an absolute http(s) URL" },
        { "BaseUrl=ftp://api-mop.chinaums.com", "PosLink:Gateway:BaseUrl must be an absolute http(s) URL" },
        { "BaseUrl=http://api-mop.chinaums.com", "PosLink:Gateway:BaseUrl must be https:// in Live mode" },
        { "BaseUrl=http://10.0.0.8:29015", "PosLink:Gateway:BaseUrl must be https:// in Live mode" },
        { "TimeoutSeconds=0", "PosLink:Gateway:TimeoutSeconds must be between 1 and 300" },
    };

    [Theory]
    [MemberData(nameof(BrokenLiveSettings))]
    public void Live_WithABrokenKey_FailsNamingIt(string setting, string message)
    {
        var options = Live();
        var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        typeof(GatewayOptions).GetProperty(key)!.SetValue(options, key == "TimeoutSeconds" ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);
        var result = new GatewayOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:29015")]
    [InlineData("http://localhost:29015")]
    [InlineData("http://[::1]:29015")]
    public void Live_PlainHttp_IsAcceptedOnlyOnLoopback(string baseUrl)
    {
        var options = Live();
        options.BaseUrl = baseUrl;
        Assert.True(new GatewayOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Failure_NeverEchoesTheKey()
    {
        var options = Live();
        options.AppKey = " secret-value ";
        var result = new GatewayOptionsValidator().Validate(null, options);
        Assert.DoesNotContain("secret-value", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartingInLiveMode_WithoutAppKey_FailsNamingTheKey()
    {
        await using var app = new PosLinkAppFactory()
            .With("PosLink:Gateway:Mode", "Live")
            .With("PosLink:Gateway:BaseUrl", "https://api-mop.chinaums.com")
            .With("PosLink:Gateway:AppId", "10037e6f6a4e6da4016a62a47e51018c")
            .With("PosLink:Gateway:AppKey", "");
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => app.StartOnKestrel());
        Assert.Contains("PosLink:Gateway:AppKey", failure.Message, StringComparison.Ordinal);
    }
}
