using System.Text.Json.Nodes;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Sandbox;

/// <summary>Every rule the sandbox enforces, each answered as ChinaUMS answers it: HTTP 200, errCode, errInfo naming the rule.</summary>
public sealed class SandboxRuleTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string PreauthorizePath = "v1/poslink/transaction/preauthorization/preauthorize";
    private const string ActivatePath = "v1/poslink/transaction/activeterminal";

    private IPosLinkGateway Gateway => sandbox.Gateway;

    private static void AssertError(JsonObject answer, string errCode, string errInfoMentions)
    {
        Assert.Equal(errCode, (string?)answer["errCode"]);
        Assert.Contains(errInfoMentions, (string?)answer["errInfo"] ?? "", StringComparison.Ordinal);
    }

    private static string ActivateJson(TestTerminal terminal, string trace) =>
        $$"""{"merchantCode":"{{terminal.MerchantCode}}","terminalCode":"{{terminal.TerminalCode}}","systemTraceNum":"{{trace}}"}""";

    // ---- 1000: authentication ------------------------------------------------------------------

    [Fact]
    public async Task Authentication_AcceptsAHeaderWithoutSpacesAfterCommas()
    {
        var terminal = sandbox.NewTerminal();
        var body = System.Text.Encoding.UTF8.GetBytes(ActivateJson(terminal, "000001"));
        var answer = await sandbox.Poster.PostRawAsync(ActivatePath, body, bytes =>
            OpenBodySigner.AuthorizationHeader(SignedPoster.SandboxAppId, SignedPoster.SandboxAppKey, ChinaTime.SignatureTimestamp(sandbox.App.Time.GetUtcNow()), "abc", bytes)
                .Replace(", ", ",", StringComparison.Ordinal));
        Assert.Equal("00", (string?)answer["errCode"]);
    }

    [Fact]
    public async Task Authentication_MissingHeader_Is1000()
    {
        var answer = await sandbox.Poster.PostRawAsync(ActivatePath, System.Text.Encoding.UTF8.GetBytes(ActivateJson(sandbox.NewTerminal(), "000001")), _ => null);
        AssertError(answer, "1000", "Authorization");
    }

    [Fact]
    public async Task Authentication_WrongSignature_Is1000()
    {
        var poster = new SignedPoster(sandbox.Address, sandbox.App.Time, appKey: "not-the-sandbox-key");
        AssertError(await poster.PostAsync(ActivatePath, ActivateJson(sandbox.NewTerminal(), "000001")), "1000", "签名错误");
    }

    [Fact]
    public async Task Authentication_BodyChangedAfterSigning_Is1000()
    {
        var terminal = sandbox.NewTerminal();
        var signedBody = System.Text.Encoding.UTF8.GetBytes(ActivateJson(terminal, "000001"));
        var header = OpenBodySigner.AuthorizationHeader(SignedPoster.SandboxAppId, SignedPoster.SandboxAppKey,
            ChinaTime.SignatureTimestamp(sandbox.App.Time.GetUtcNow()), OpenBodySigner.NewNonce(), signedBody);
        var answer = await sandbox.Poster.PostRawAsync(ActivatePath, System.Text.Encoding.UTF8.GetBytes(ActivateJson(terminal, "000002")), _ => header);
        AssertError(answer, "1000", "签名错误");
    }

    [Fact]
    public async Task Authentication_UnknownAppId_Is1000()
    {
        var poster = new SignedPoster(sandbox.Address, sandbox.App.Time, appId: "ffffffffffffffffffffffffffffffff");
        AssertError(await poster.PostAsync(ActivatePath, ActivateJson(sandbox.NewTerminal(), "000001")), "1000", "AppId");
    }

    [Fact]
    public async Task Authentication_MalformedTimestamp_Is1000()
    {
        var answer = await sandbox.Poster.PostRawAsync(ActivatePath, System.Text.Encoding.UTF8.GetBytes(ActivateJson(sandbox.NewTerminal(), "000001")), bytes =>
            OpenBodySigner.AuthorizationHeader(SignedPoster.SandboxAppId, SignedPoster.SandboxAppKey, "2026-11-27 15:30", "abc", bytes));
        AssertError(answer, "1000", "Timestamp格式错误");
    }

    [Theory]
    [InlineData(-11)]
    [InlineData(11)]
    public async Task Authentication_TimestampMoreThanTenMinutesOff_Is1000(int minutes)
    {
        var at = sandbox.App.Time.GetUtcNow().AddMinutes(minutes);
        AssertError(await sandbox.Poster.PostAsync(ActivatePath, ActivateJson(sandbox.NewTerminal(), "000001"), at), "1000", "10分钟");
    }

    [Theory]
    [InlineData(-9)]
    [InlineData(9)]
    public async Task Authentication_TimestampWithinTenMinutes_IsAccepted(int minutes)
    {
        var at = sandbox.App.Time.GetUtcNow().AddMinutes(minutes);
        Assert.Equal("00", (string?)(await sandbox.Poster.PostAsync(ActivatePath, ActivateJson(sandbox.NewTerminal(), "000001"), at))["errCode"]);
    }

    // ---- 9001: fields --------------------------------------------------------------------------

    public static TheoryData<string, string, string> BadPreauthorizeFields() => new()
    {
        { "systemTraceNum", "\"12345\"", "systemTraceNum格式错误" },
        { "systemTraceNum", "\"1234567\"", "systemTraceNum格式错误" },
        { "systemTraceNum", "\"12345a\"", "systemTraceNum格式错误" },
        { "transactionCurrencyCode", "\"840\"", "transactionCurrencyCode必须为156" },
        { "transactionAmount", "0", "transactionAmount必须为正整数" },
        { "transactionAmount", "-100", "transactionAmount必须为正整数" },
        { "transactionAmount", "12.5", "transactionAmount必须为正整数" },
        { "transactionAmount", "\"100\"", "transactionAmount必须为正整数" },
        { "merchantOrderId", "\"" + new string('A', 51) + "\"", "merchantOrderId长度不能超过50位" },
        { "merchantRemark", "\"" + string.Concat(Enumerable.Repeat("押", 31)) + "\"", "merchantRemark长度不能超过30位" },
        { "merchantRemark", "\"" + string.Concat(Enumerable.Repeat("😀", 31)) + "\"", "merchantRemark长度不能超过30位" },
        { "payMode", "\"WECHAT\"", "payMode取值错误" },
        { "payCode", "\"abc\"", "payCode格式错误" },
        { "payCode", "null", "payCode不能为空" },
        { "merchantCode", "\"89831014816056\"", "merchantCode格式错误" },
        { "terminalCode", "\"0000001\"", "terminalCode格式错误" },
    };

    [Theory]
    [MemberData(nameof(BadPreauthorizeFields))]
    public async Task Preauthorize_BadField_Is9001NamingTheField(string field, string jsonValue, string errInfo)
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var body = JsonNode.Parse($$"""
            {"merchantCode":"{{terminal.MerchantCode}}","terminalCode":"{{terminal.TerminalCode}}","systemTraceNum":"{{terminal.NextTrace()}}",
             "transactionAmount":100,"transactionCurrencyCode":"156","payMode":"CODE_SCAN","payCode":"134567890123456789"}
            """)!.AsObject();
        body[field] = JsonNode.Parse(jsonValue);
        AssertError(await sandbox.Poster.PostAsync(PreauthorizePath, body.ToJsonString()), "9001", errInfo);
    }

    [Fact]
    public async Task Preauthorize_ThirtyCharacterRemarkInEmoji_IsAccepted()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        await Gateway.PreauthorizeAsync(terminal.Preauthorize(100, remark: string.Concat(Enumerable.Repeat("😀", 30)))).AssertAnswered("00");
    }

    [Fact]
    public async Task Body_ThatIsNotJson_Is9001()
    {
        AssertError(await sandbox.Poster.PostAsync(PreauthorizePath, "merchantCode=1"), "9001", "JSON");
    }

    [Fact]
    public async Task Query_WithNeitherOrderIdNorTrace_Is9001()
    {
        // The client refuses to send it (a programming error), so it is posted raw: the platform's rule still holds.
        var terminal = await sandbox.ActiveTerminalAsync();
        var body = $$"""{"merchantCode":"{{terminal.MerchantCode}}","terminalCode":"{{terminal.TerminalCode}}","systemTraceNum":"{{terminal.NextTrace()}}"}""";
        var answer = await sandbox.Poster.PostAsync("v1/poslink/transaction/preauthorization/query", body);
        AssertError(answer, "9001", "originalOrderId");
        Assert.Equal(ResponseCategory.InputError, ResponseCodes.Classify(GatewayEndpoint.Query, (string?)answer["errCode"]));
    }

    [Fact]
    public async Task Complete_WithMalformedOriginalDate_Is9001()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(100);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        var answer = await Gateway.CompleteAsync(terminal.Complete(hold, held, 100) with { OriginalTransactionDate = "1332" }).AssertAnswered("9001");
        Assert.Contains("originalTransactionDate", answer.ErrInfo, StringComparison.Ordinal);
    }

    // ---- 97: activation ------------------------------------------------------------------------

    [Fact]
    public async Task Preauthorize_OnATerminalNeverActivated_Is97()
    {
        var terminal = sandbox.NewTerminal();
        var result = await Gateway.PreauthorizeAsync(terminal.Preauthorize(100));
        result.AssertAnswered("97");
        Assert.Equal(ResponseCategory.ConfigurationError, Assert.IsType<Answered<PreauthorizeResponse>>(result).Category);

        await Gateway.ActivateTerminalAsync(terminal.Activate()).AssertAnswered("00");
        await Gateway.PreauthorizeAsync(terminal.Preauthorize(100)).AssertAnswered("00");
    }

    [Fact]
    public async Task Activation_IsPerMerchantAndTerminal()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var sameCodeOtherMerchant = new TestTerminal("898310148160999", terminal.TerminalCode);
        await Gateway.PreauthorizeAsync(sameCodeOtherMerchant.Preauthorize(100)).AssertAnswered("97");
    }

    // ---- 94: duplicates ------------------------------------------------------------------------

    [Fact]
    public async Task TraceNumber_UsedTwiceTheSameDay_Is94_EvenWhenTheFirstWasAQuery()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(100);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");

        var query = terminal.QueryByOrderId(held.OrderId!);
        await Gateway.QueryAsync(query).AssertAnswered("00");
        var reused = await Gateway.PreauthorizeAsync(terminal.Preauthorize(100) with { SystemTraceNum = query.SystemTraceNum }).AssertAnswered("94");
        Assert.Contains(query.SystemTraceNum, reused.ErrInfo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TraceNumber_IsFreeAgainOnTheNextChinaTradeDay_AndPerTerminal()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var other = await sandbox.ActiveTerminalAsync();
        var first = terminal.Preauthorize(100);
        await Gateway.PreauthorizeAsync(first).AssertAnswered("00");
        await Gateway.PreauthorizeAsync(other.Preauthorize(100) with { SystemTraceNum = first.SystemTraceNum }).AssertAnswered("00");

        // 15:30 + 8.5 h = 00:00 China time: a new trade day, whatever the UTC date says.
        sandbox.App.Time.Advance(TimeSpan.FromHours(8.5));
        await Gateway.PreauthorizeAsync(terminal.Preauthorize(100) with { SystemTraceNum = first.SystemTraceNum }).AssertAnswered("00");
    }

    [Fact]
    public async Task MerchantOrderId_UsedTwice_Is94()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var orderId = "DUP-" + Guid.NewGuid().ToString("N");
        await Gateway.PreauthorizeAsync(terminal.Preauthorize(100, merchantOrderId: orderId)).AssertAnswered("00");
        var again = await Gateway.PreauthorizeAsync(terminal.Preauthorize(100, merchantOrderId: orderId)).AssertAnswered("94");
        Assert.Contains("merchantOrderId", again.ErrInfo, StringComparison.Ordinal);
    }

    // ---- 25: originals -------------------------------------------------------------------------

    [Fact]
    public async Task Complete_WithAnotherAuthorizationCode_Is25()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        var wrongCode = held.AuthorizationCode == "000000" ? "111111" : "000000";
        var answer = await Gateway.CompleteAsync(terminal.Complete(hold, held, 1000) with { AuthorizationCode = wrongCode }).AssertAnswered("25");
        Assert.Contains("authorizationCode", answer.ErrInfo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Void_WithAnotherOriginalDate_Is25()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        await Gateway.VoidAsync(terminal.Void(hold, held, 1000) with { OriginalTransactionDate = "1126" }).AssertAnswered("25");
    }

    [Fact]
    public async Task Complete_WithAnotherOriginalTrace_Is25()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        await Gateway.CompleteAsync(terminal.Complete(hold, held, 1000) with { OriginalSystemTraceNum = "999999" }).AssertAnswered("25");
    }

    [Fact]
    public async Task QuickComplete_QuickVoid_OfAnUnknownOrderId_Are25_AQueryFindsNothing()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        await Gateway.QuickCompleteAsync(terminal.QuickComplete("20261127000000NOPE0000", 100)).AssertAnswered("25");
        await Gateway.QuickVoidAsync(terminal.QuickVoid("20261127000000NOPE0000", 100)).AssertAnswered("25");
        var query = await Gateway.QueryAsync(terminal.QueryByOrderId("20261127000000NOPE0000")).AssertAnswered("00");
        Assert.Equal("1", query.QueryResCode);
        Assert.False(query.Found);
    }

    [Fact]
    public async Task QuickComplete_WithOriginalsThatDoNotMatch_Is25()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var held = await Gateway.PreauthorizeAsync(terminal.Preauthorize(1000)).AssertAnswered("00");
        await Gateway.QuickCompleteAsync(terminal.QuickComplete(held.OrderId!, 100) with { OriginalSystemTraceNum = "999999" }).AssertAnswered("25");
    }

    [Fact]
    public async Task QuickComplete_OfAnotherMerchantsOrder_Is25()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var held = await Gateway.PreauthorizeAsync(terminal.Preauthorize(1000)).AssertAnswered("00");
        var stranger = await sandbox.ActiveTerminalAsync("898310148160999");
        await Gateway.QuickCompleteAsync(stranger.QuickComplete(held.OrderId!, 100)).AssertAnswered("25");
    }

    // ---- 13, 64: amounts -----------------------------------------------------------------------

    [Fact]
    public async Task Complete_AboveTheHeldAmount_Is13_AndTheHoldStaysHeld()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        var result = await Gateway.CompleteAsync(terminal.Complete(hold, held, 1001));
        Assert.Contains("1000", result.AssertAnswered("13").ErrInfo, StringComparison.Ordinal);
        Assert.Equal(ResponseCategory.InputError, Assert.IsType<Answered<CompleteAuthorizationResponse>>(result).Category);

        var query = await Gateway.QueryAsync(terminal.QueryByOrderId(held.OrderId!)).AssertAnswered("00");
        Assert.Equal(SecureStatus.Held, query.Guarantee);
        await Gateway.CompleteAsync(terminal.Complete(hold, held, 1000)).AssertAnswered("00");
    }

    [Theory]
    [InlineData(999)]
    [InlineData(1001)]
    public async Task Void_OfAnAmountOtherThanHeld_Is64(long amount)
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        await Gateway.VoidAsync(terminal.Void(hold, held, amount)).AssertAnswered("64");
        await Gateway.QuickVoidAsync(terminal.QuickVoid(held.OrderId!, amount)).AssertAnswered("64");
    }

    // ---- 22: finished holds --------------------------------------------------------------------

    [Fact]
    public async Task SecondCompletion_Is22()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        await Gateway.CompleteAsync(terminal.Complete(hold, held, 500)).AssertAnswered("00");
        var second = await Gateway.CompleteAsync(terminal.Complete(hold, held, 500)).AssertAnswered("22");
        Assert.Contains("已完成", second.ErrInfo, StringComparison.Ordinal);
        await Gateway.QuickCompleteAsync(terminal.QuickComplete(held.OrderId!, 100)).AssertAnswered("22");
    }

    [Fact]
    public async Task Void_AfterCompletion_And_CompleteAfterVoid_Are22()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var completedHold = terminal.Preauthorize(1000);
        var completed = await Gateway.PreauthorizeAsync(completedHold).AssertAnswered("00");
        await Gateway.CompleteAsync(terminal.Complete(completedHold, completed, 1000)).AssertAnswered("00");
        await Gateway.VoidAsync(terminal.Void(completedHold, completed, 1000)).AssertAnswered("22");

        var voidedHold = terminal.Preauthorize(1000);
        var voided = await Gateway.PreauthorizeAsync(voidedHold).AssertAnswered("00");
        await Gateway.VoidAsync(terminal.Void(voidedHold, voided, 1000)).AssertAnswered("00");
        var again = await Gateway.CompleteAsync(terminal.Complete(voidedHold, voided, 1000)).AssertAnswered("22");
        Assert.Contains("已撤销", again.ErrInfo, StringComparison.Ordinal);
        await Gateway.QuickVoidAsync(terminal.QuickVoid(voided.OrderId!, 1000)).AssertAnswered("22");
    }

    [Fact]
    public async Task Complete_OfAFailedHold_Is22()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        // 0078: the customer never pays; after the wait the hold has failed.
        var hold = terminal.Preauthorize(1000, payCode: "134567890123450078");
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        sandbox.App.Time.Advance(TimeSpan.FromSeconds(21));
        var answer = await Gateway.QuickCompleteAsync(terminal.QuickComplete(held.OrderId!, 1000)).AssertAnswered("22");
        Assert.Contains("失败", answer.ErrInfo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authentication_ANonceUsedTwice_Is1000()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var body = System.Text.Encoding.UTF8.GetBytes($$"""{"merchantCode":"{{terminal.MerchantCode}}","terminalCode":"{{terminal.TerminalCode}}","systemTraceNum":"{{terminal.NextTrace()}}"}""");
        var header = OpenBodySigner.AuthorizationHeader(SignedPoster.SandboxAppId, SignedPoster.SandboxAppKey,
            ChinaTime.SignatureTimestamp(sandbox.App.Time.GetUtcNow()), OpenBodySigner.NewNonce(), body);
        Assert.Equal("00", (string?)(await sandbox.Poster.PostRawAsync(GatewayPaths.For(GatewayEndpoint.ActivateTerminal), body, _ => header))["errCode"]);
        // The same signed request again: a replay, refused whatever its body says.
        var replay = await sandbox.Poster.PostRawAsync(GatewayPaths.For(GatewayEndpoint.ActivateTerminal), body, _ => header);
        Assert.Equal(("1000", "Nonce已使用 (nonce reused)"), ((string?)replay["errCode"], (string?)replay["errInfo"]));
    }

    // ---- 40: reversal --------------------------------------------------------------------------

    [Fact]
    public async Task ReverseAuthorization_Is40NotSupported()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var body = $$"""{"merchantCode":"{{terminal.MerchantCode}}","terminalCode":"{{terminal.TerminalCode}}","systemTraceNum":"{{terminal.NextTrace()}}","transactionAmount":100,"transactionCurrencyCode":"156"}""";
        AssertError(await sandbox.Poster.PostAsync(GatewayPaths.ReverseAuthorization, body), "40", "不支持该接口");
    }

    [Fact]
    public void Client_HasNoReversal()
    {
        Assert.DoesNotContain(typeof(IPosLinkGateway).GetMethods(), m => m.Name.Contains("Revers", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Enum.GetNames<GatewayEndpoint>(), n => n.Contains("Revers", StringComparison.OrdinalIgnoreCase));
    }
}
