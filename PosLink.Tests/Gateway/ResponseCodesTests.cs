using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Tests.Support;

namespace PosLink.Tests.Gateway;

public sealed class ResponseCodesTests
{
    [Theory]
    [InlineData("00", ResponseCategory.Approved)]
    [InlineData("01", ResponseCategory.Declined)]
    [InlineData("05", ResponseCategory.Declined)]
    [InlineData("12", ResponseCategory.Declined)]
    [InlineData("14", ResponseCategory.Declined)]
    [InlineData("51", ResponseCategory.Declined)]
    [InlineData("54", ResponseCategory.Declined)]
    [InlineData("55", ResponseCategory.Declined)]
    [InlineData("57", ResponseCategory.Declined)]
    [InlineData("61", ResponseCategory.Declined)]
    [InlineData("13", ResponseCategory.InputError)]
    [InlineData("30", ResponseCategory.InputError)]
    [InlineData("64", ResponseCategory.InputError)]
    [InlineData("9001", ResponseCategory.InputError)]
    [InlineData("1000", ResponseCategory.ConfigurationError)]
    [InlineData("1001", ResponseCategory.ConfigurationError)]
    [InlineData("03", ResponseCategory.ConfigurationError)]
    [InlineData("58", ResponseCategory.ConfigurationError)]
    [InlineData("97", ResponseCategory.ConfigurationError)]
    [InlineData("A0", ResponseCategory.ConfigurationError)]
    [InlineData("A7", ResponseCategory.ConfigurationError)]
    [InlineData("0000", ResponseCategory.Unknown)]
    [InlineData("9999", ResponseCategory.Unknown)]
    [InlineData("22", ResponseCategory.Unknown)]
    [InlineData("25", ResponseCategory.Unknown)]
    [InlineData("68", ResponseCategory.Unknown)]
    [InlineData("90", ResponseCategory.Unknown)]
    [InlineData("91", ResponseCategory.Unknown)]
    [InlineData("92", ResponseCategory.Unknown)]
    [InlineData("94", ResponseCategory.Declined)]
    [InlineData("96", ResponseCategory.Unknown)]
    [InlineData("98", ResponseCategory.Unknown)]
    [InlineData("ER", ResponseCategory.Unknown)]
    public void Classify_FollowsTheCatalogue(string code, ResponseCategory expected)
    {
        foreach (var endpoint in Enum.GetValues<GatewayEndpoint>())
        {
            Assert.Equal(expected, ResponseCodes.Classify(endpoint, code));
        }
    }

    [Theory]
    [InlineData(GatewayEndpoint.Preauthorize, ResponseCategory.Declined)]
    [InlineData(GatewayEndpoint.ActivateTerminal, ResponseCategory.Declined)]
    [InlineData(GatewayEndpoint.CompleteAuthorization, ResponseCategory.Unknown)]
    [InlineData(GatewayEndpoint.VoidAuthorization, ResponseCategory.Unknown)]
    [InlineData(GatewayEndpoint.QuickCompleteAuthorization, ResponseCategory.Unknown)]
    [InlineData(GatewayEndpoint.QuickVoidAuthorization, ResponseCategory.Unknown)]
    [InlineData(GatewayEndpoint.Query, ResponseCategory.Unknown)]
    [InlineData(GatewayEndpoint.QueryBySystemTraceNum, ResponseCategory.Unknown)]
    public void Classify_AnUnlistedCode_DeclinesNewHoldsOnly(GatewayEndpoint endpoint, ResponseCategory expected)
    {
        Assert.Equal(expected, ResponseCodes.Classify(endpoint, "Q7"));
        Assert.Equal(expected, ResponseCodes.Classify(endpoint, (string?)null));
    }

    [Fact]
    public void Classify_AutoQueryFlagY_MakesEvenApprovalUnknown()
    {
        var answer = new PreauthorizeResponse { ErrCode = "00", AutoQueryFlag = "Y" };
        Assert.Equal(ResponseCategory.Unknown, ResponseCodes.Classify(GatewayEndpoint.Preauthorize, answer));
        Assert.Equal(ResponseCategory.Approved, ResponseCodes.Classify(GatewayEndpoint.Preauthorize, answer with { AutoQueryFlag = null }));
    }

    [Fact]
    public void Catalogue_HasChineseAndEnglishForEveryCode()
    {
        Assert.Equal(33, ResponseCodes.All.Count);
        Assert.All(ResponseCodes.All, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Chinese));
            Assert.False(string.IsNullOrWhiteSpace(c.English));
        });
        var insufficient = ResponseCodes.Find("51")!;
        Assert.Equal("资金不足", insufficient.Chinese);
        Assert.Equal("Insufficient funds", insufficient.English);
        Assert.Null(ResponseCodes.Find("XX"));
    }

    [Fact]
    public void MovesMoney_IsTrueForHoldsAndTheirFinalizationOnly()
    {
        Assert.True(GatewayPaths.MovesMoney(GatewayEndpoint.Preauthorize));
        Assert.True(GatewayPaths.MovesMoney(GatewayEndpoint.QuickVoidAuthorization));
        Assert.False(GatewayPaths.MovesMoney(GatewayEndpoint.Query));
        Assert.False(GatewayPaths.MovesMoney(GatewayEndpoint.ActivateTerminal));
    }
}
