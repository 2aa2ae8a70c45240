using System.Text;
using System.Text.Json;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;

namespace PosLink.Tests.Gateway;

/// <summary>Pins the exact bytes of every request: these are what get signed and sent.</summary>
public sealed class RequestJsonTests
{
    private const string M = "898310148160568";
    private const string T = "00000001";

    private static string Json<T>(T request) => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(request, GatewayJson.Options));

    [Fact]
    public void ActivateTerminal_MatchesSignedVectorBody()
    {
        var json = Json(new ActivateTerminalRequest { MerchantCode = M, TerminalCode = T, SystemTraceNum = "000001" });
        Assert.Equal("""{"merchantCode":"898310148160568","terminalCode":"00000001","systemTraceNum":"000001"}""", json);
    }

    [Fact]
    public void Preauthorize_MatchesSignedVectorBody_WithChineseUnescaped()
    {
        var json = Json(new PreauthorizeRequest
        {
            MerchantCode = M,
            TerminalCode = T,
            SystemTraceNum = "000002",
            TransactionAmount = 12345,
            MerchantOrderId = "HOLD-2026-0001",
            MerchantRemark = "房间押金",
            PayMode = PayMode.CodeScan,
            PayCode = "134567890123456789",
        });
        Assert.Equal("""{"merchantCode":"898310148160568","terminalCode":"00000001","systemTraceNum":"000002","transactionAmount":12345,"transactionCurrencyCode":"156","merchantOrderId":"HOLD-2026-0001","merchantRemark":"房间押金","payMode":"CODE_SCAN","payCode":"134567890123456789"}""", json);
    }

    [Fact]
    public void Preauthorize_WithAttachedDataAndOtherPayMode()
    {
        var json = Json(new PreauthorizeRequest
        {
            MerchantCode = M,
            TerminalCode = T,
            SystemTraceNum = "000003",
            TransactionAmount = 1,
            PayMode = PayMode.ECash,
            PayCode = "6200000000000001",
            AttachedData = "room=1208",
        });
        Assert.Equal("""{"merchantCode":"898310148160568","terminalCode":"00000001","systemTraceNum":"000003","transactionAmount":1,"transactionCurrencyCode":"156","payMode":"E_CASH","payCode":"6200000000000001","attachedData":"room=1208"}""", json);
    }

    [Fact]
    public void CompleteAuthorization_Json()
    {
        var json = Json(new CompleteAuthorizationRequest
        {
            MerchantCode = M,
            TerminalCode = T,
            SystemTraceNum = "000004",
            TransactionAmount = 10000,
            AuthorizationCode = "123456",
            OriginalTransactionDate = "1127",
            OriginalSystemTraceNum = "000002",
        });
        Assert.Equal("""{"merchantCode":"898310148160568","terminalCode":"00000001","systemTraceNum":"000004","transactionAmount":10000,"transactionCurrencyCode":"156","authorizationCode":"123456","originalTransactionDate":"1127","originalSystemTraceNum":"000002"}""", json);
    }

    [Fact]
    public void VoidAuthorization_Json()
    {
        var json = Json(new VoidAuthorizationRequest
        {
            MerchantCode = M,
            TerminalCode = T,
            SystemTraceNum = "000005",
            TransactionAmount = 12345,
            AuthorizationCode = "123456",
            OriginalTransactionDate = "1127",
            OriginalSystemTraceNum = "000002",
        });
        Assert.Equal("""{"merchantCode":"898310148160568","terminalCode":"00000001","systemTraceNum":"000005","transactionAmount":12345,"transactionCurrencyCode":"156","authorizationCode":"123456","originalTransactionDate":"1127","originalSystemTraceNum":"000002"}""", json);
    }

    [Fact]
    public void QuickCompleteAuthorization_Json_OmitsAbsentOriginals()
    {
        var json = Json(new QuickCompleteAuthorizationRequest
        {
            MerchantCode = M,
            TerminalCode = T,
            SystemTraceNum = "000006",
            TransactionAmount = 500,
            OrderId = "2026112715300012345678",
        });
        Assert.Equal("""{"merchantCode":"898310148160568","terminalCode":"00000001","systemTraceNum":"000006","transactionAmount":500,"transactionCurrencyCode":"156","orderId":"2026112715300012345678"}""", json);
    }

    [Fact]
    public void QuickVoidAuthorization_Json_WithOriginals()
    {
        var json = Json(new QuickVoidAuthorizationRequest
        {
            MerchantCode = M,
            TerminalCode = T,
            SystemTraceNum = "000007",
            TransactionAmount = 500,
            OrderId = "2026112715300012345678",
            OriginalTransactionDate = "1127",
            OriginalSystemTraceNum = "000002",
        });
        Assert.Equal("""{"merchantCode":"898310148160568","terminalCode":"00000001","systemTraceNum":"000007","transactionAmount":500,"transactionCurrencyCode":"156","orderId":"2026112715300012345678","originalTransactionDate":"1127","originalSystemTraceNum":"000002"}""", json);
    }

    [Fact]
    public void QueryBySystemTraceNum_Json()
    {
        var json = Json(new QueryBySystemTraceNumRequest { MerchantCode = M, TerminalCode = T, SystemTraceNum = "000008", OriginalSystemTraceNum = "000002" });
        Assert.Equal("""{"merchantCode":"898310148160568","terminalCode":"00000001","systemTraceNum":"000008","originalSystemTraceNum":"000002"}""", json);
    }

    [Fact]
    public void Query_Json_ByOrderIdAndByTrace()
    {
        Assert.Equal("""{"merchantCode":"898310148160568","terminalCode":"00000001","systemTraceNum":"000009","originalOrderId":"2026112715300012345678"}""",
            Json(new QueryRequest { MerchantCode = M, TerminalCode = T, SystemTraceNum = "000009", OriginalOrderId = "2026112715300012345678" }));
        Assert.Equal("""{"merchantCode":"898310148160568","terminalCode":"00000001","systemTraceNum":"000010","originalSystemTraceNum":"000002"}""",
            Json(new QueryRequest { MerchantCode = M, TerminalCode = T, SystemTraceNum = "000010", OriginalSystemTraceNum = "000002" }));
    }

    [Theory]
    [InlineData(PayMode.ECash, "E_CASH")]
    [InlineData(PayMode.Soundwave, "SOUNDWAVE")]
    [InlineData(PayMode.Nfc, "NFC")]
    [InlineData(PayMode.CodeScan, "CODE_SCAN")]
    [InlineData(PayMode.Manual, "MANUAL")]
    public void PayMode_UsesSpecNames(PayMode mode, string wire)
    {
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(mode, GatewayJson.Options));
        Assert.Equal(mode, PayModes.ByWireName[wire]);
    }

    [Fact]
    public void PreauthorizeRequest_ToString_MasksThePayCode()
    {
        var text = new PreauthorizeRequest
        {
            MerchantCode = M,
            TerminalCode = T,
            SystemTraceNum = "000002",
            TransactionAmount = 1,
            PayMode = PayMode.CodeScan,
            PayCode = "134567890123456789",
        }.ToString();
        Assert.DoesNotContain("134567890123456789", text, StringComparison.Ordinal);
        Assert.Contains("1345**********6789", text, StringComparison.Ordinal);
    }
}
