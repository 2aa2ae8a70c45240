using System.Text;
using PosLink.Domain.Gateway;

namespace PosLink.Tests.Gateway;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("134567890123456789", "1345**********6789")]
    [InlineData("281234567890123456", "2812**********3456")]
    [InlineData("123456789012", "1234****9012")]
    [InlineData("12345678901", "*******8901")]
    [InlineData("123456", "******")]
    [InlineData("", "")]
    public void Mask_KeepsOnlyFirstAndLastFour(string code, string masked)
    {
        Assert.Equal(masked, PayCodeMask.Mask(code));
    }

    [Fact]
    public void Redact_MasksPayCodeInJson_AndKeepsTheRest()
    {
        var body = Encoding.UTF8.GetBytes("""{"systemTraceNum":"000002","payCode":"134567890123456789","merchantRemark":"房间押金"}""");
        Assert.Equal("""{"systemTraceNum":"000002","payCode":"1345**********6789","merchantRemark":"房间押金"}""", GatewayRedaction.Redact(body));
    }

    [Fact]
    public void Redact_MasksLongDigitRunsInNonJson()
    {
        var text = GatewayRedaction.Redact(Encoding.UTF8.GetBytes("<html>bad payCode 134567890123456789</html>"));
        Assert.DoesNotContain("134567890123456789", text, StringComparison.Ordinal);
        Assert.Contains("1345**********6789", text, StringComparison.Ordinal);
    }
}
