using System.Text.Json;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;

namespace PosLink.Tests.Gateway;

public sealed class ResponseJsonTests
{
    [Fact]
    public void PreauthorizeResponse_ReadsEverySpecField()
    {
        const string json = """
            {"errCode":"00","errInfo":"成功","transactionTime":"153000","transactionDate":"1127","settlementDate":"1127",
             "retrievalRefNum":"123456789012","authorizationCode":"654321","actualTransactionAmount":10500,"amount":10500,
             "orderId":"2026112715300012345678","marketingAllianceDiscountInstruction":"联盟","thirdPartyDiscountInstruction":"券",
             "thirdPartyName":"微信支付","thirdPartyBuyerId":"buyer","thirdPartyBuyerUserName":"张三","transactionAmount":12345,
             "thirdPartyMerchantDiscountAmount":1234,"thirdPartyOtherDiscountAmount":611,"autoQueryFlag":"Y"}
            """;
        var r = JsonSerializer.Deserialize<PreauthorizeResponse>(json, GatewayJson.Options)!;
        Assert.Equal(("00", "成功", "153000", "1127", "1127"), (r.ErrCode, r.ErrInfo, r.TransactionTime, r.TransactionDate, r.SettlementDate));
        Assert.Equal(("123456789012", "654321", "2026112715300012345678"), (r.RetrievalRefNum, r.AuthorizationCode, r.OrderId));
        Assert.Equal((10500L, 10500L, 12345L, 1234L, 611L), (r.ActualTransactionAmount, r.Amount, r.TransactionAmount, r.ThirdPartyMerchantDiscountAmount, r.ThirdPartyOtherDiscountAmount));
        Assert.Equal(("联盟", "券", "微信支付", "buyer", "张三"), (r.MarketingAllianceDiscountInstruction, r.ThirdPartyDiscountInstruction, r.ThirdPartyName, r.ThirdPartyBuyerId, r.ThirdPartyBuyerUserName));
        Assert.True(r.AsksForQuery);
    }

    [Fact]
    public void QueryResponse_ReadsStringAmountsAndNumericStatus()
    {
        const string json = """
            {"errCode":"00","errInfo":"成功","queryResCode":"0","payCode":"1345**********6789","dealDate":"1127","dealTime":"153000",
             "originalAmount":"12345","dealType":"PREAUTH","dealSystemTraceNum":"000002","dealRetrievalRefNum":"123456789012",
             "batchNo":"000001","authorizationCode":"654321","actualTransactionAmount":"10500","amount":"10500","orderId":"O1",
             "thirdPartyMerchantDiscountAmount":1234,"thirdPartyOtherDiscountAmount":"611","secureStatus":2,"status":"TRADE_SUCCESS",
             "targetStatus":"SUCCESS","netpayErrMsg":""}
            """;
        var r = JsonSerializer.Deserialize<QueryResponse>(json, GatewayJson.Options)!;
        Assert.True(r.Found);
        Assert.Equal((12345L, 10500L, 10500L, 1234L, 611L), (r.OriginalAmount, r.ActualTransactionAmount, r.Amount, r.ThirdPartyMerchantDiscountAmount, r.ThirdPartyOtherDiscountAmount));
        Assert.Equal(SecureStatus.Completed, r.Guarantee);
        Assert.Equal(("PREAUTH", "000002", "000001", "TRADE_SUCCESS"), (r.DealType, r.DealSystemTraceNum, r.BatchNo, r.Status));
    }

    [Fact]
    public void QueryResponse_ReadsStatusAsStringAndEmptyAmountsAsAbsent()
    {
        var r = JsonSerializer.Deserialize<QueryResponse>("""{"errCode":"00","queryResCode":"0","originalAmount":"","amount":null,"secureStatus":"3"}""", GatewayJson.Options)!;
        Assert.Null(r.OriginalAmount);
        Assert.Null(r.Amount);
        Assert.Equal(SecureStatus.Completing, r.Guarantee);
    }

    [Fact]
    public void QueryResponse_UnknownSecureStatusIsNotGuessed()
    {
        var r = JsonSerializer.Deserialize<QueryResponse>("""{"errCode":"00","secureStatus":9}""", GatewayJson.Options)!;
        Assert.Equal(9, r.SecureStatus);
        Assert.Null(r.Guarantee);
    }

    [Fact]
    public void Amount_ThatIsNotAnInteger_IsAFormatError()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<QueryResponse>("""{"errCode":"00","amount":"12.5"}""", GatewayJson.Options));
    }

    [Fact]
    public void FinalizeResponses_ReadTheirOwnFields()
    {
        var quick = JsonSerializer.Deserialize<QuickCompleteAuthorizationResponse>(
            """{"errCode":"00","errInfo":"成功","transactionTime":"010203","transactionDate":"0101","settlementDate":"0101","retrievalRefNum":"9","actualTransactionAmount":"800"}""",
            GatewayJson.Options)!;
        Assert.Equal(("010203", "0101", "0101", "9", 800L), (quick.TransactionTime, quick.TransactionDate, quick.SettlementDate, quick.RetrievalRefNum, quick.ActualTransactionAmount));

        var voided = JsonSerializer.Deserialize<VoidAuthorizationResponse>("""{"errCode":"00","thirdPartyName":"支付宝"}""", GatewayJson.Options)!;
        Assert.Equal("支付宝", voided.ThirdPartyName);
    }
}
