using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

/// <summary>Each bad input gets a specific message (field, rule, value), sends nothing and changes nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;
    private long _held;
    private long _completed;

    public async Task InitializeAsync()
    {
        _h = await LedgerHarness.CreateAsync();
        _held = await _h.HeldAsync(20_000);
        _completed = await _h.HeldAsync(5_000);
        (await _h.Guarantees.CompleteAsync(_h.JinganManager, _completed, 5_000)).Unwrap();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public enum Case
    {
        ZeroAmount, NegativeAmount, OversizedAmount, FiveDigitTrace, OrderId51, Remark31Chinese, Remark31Emoji, UnknownPayMode,
        ShortPayCode, LettersInPayCode, CompleteAboveHeld, CompleteZero, VoidCompleted, CompleteCompleted, InactiveTerminal,
        OtherStoresHold, OtherStoresTerminal, FinanceCompletes, DuplicateMerchantOrderId, ImportBadOrderId, ImportNothing,
        VoidReason101, RemarkRightToLeftOverride, OrderIdZeroWidthSpace, RemarkControlCharacter, ImportOrderId51, VoidReasonBidiIsolate,
    }

    public static TheoryData<Case, string, string, string?> Cases() => new()
    {
        { Case.ZeroAmount, "invalid", "金额必须大于0（收到 ¥0.00）", "amount" },
        { Case.NegativeAmount, "invalid", "金额必须大于0（收到 -¥1.00）", "amount" },
        { Case.OversizedAmount, "invalid", "金额不能超过¥100,000.00（收到 ¥100,000.01）", "amount" },
        { Case.FiveDigitTrace, "invalid", "系统跟踪号必须为6位数字（收到“12345”）", "originalSystemTraceNum" },
        { Case.OrderId51, "invalid", "商户订单号不能超过50个字符（收到51个）", "merchantOrderId" },
        { Case.Remark31Chinese, "invalid", "备注不能超过30个字符（收到31个）", "merchantRemark" },
        { Case.Remark31Emoji, "invalid", "备注不能超过30个字符（收到31个）", "merchantRemark" },
        { Case.UnknownPayMode, "invalid", "未知的支付方式（99）", "payMode" },
        { Case.ShortPayCode, "invalid", "付款码必须为10至32位数字（收到9个字符）", "payCode" },
        { Case.LettersInPayCode, "invalid", "付款码必须为10至32位数字（收到18个字符）", "payCode" },
        { Case.CompleteAboveHeld, "invalid", "完成金额¥200.01超过担保金额¥200.00", "amount" },
        { Case.CompleteZero, "invalid", "完成金额必须大于0（收到 ¥0.00）", "amount" },
        { Case.VoidCompleted, "finished", "此担保已完成，不能再次完成或撤销。", null },
        { Case.CompleteCompleted, "finished", "此担保已完成，不能再次完成或撤销。", null },
        { Case.InactiveTerminal, "invalid", "终端JA000002尚未激活，请先激活终端。", "terminalId" },
        { Case.OtherStoresHold, "not-found", "找不到该担保", null },
        { Case.OtherStoresTerminal, "not-found", "找不到该终端", null },
        { Case.FinanceCompletes, "forbidden", "您的角色只能查看，不能操作担保。", null },
        { Case.DuplicateMerchantOrderId, "invalid", "商户订单号ROOM-1不能使用，请换一个。", "merchantOrderId" },
        { Case.ImportBadOrderId, "invalid", "银商订单号只能是不超过50位的字母或数字（收到“2026-11-27”）", "orderId" },
        { Case.ImportNothing, "invalid", "请输入银商订单号或原交易系统跟踪号。", "orderId" },
        { Case.VoidReason101, "invalid", "撤销原因不能超过100个字符（收到101个）", "reason" },
        { Case.RemarkRightToLeftOverride, "invalid", "备注不能包含控制字符、双向格式字符或零宽字符（收到 U+202E）", "merchantRemark" },
        { Case.OrderIdZeroWidthSpace, "invalid", "商户订单号不能包含控制字符、双向格式字符或零宽字符（收到 U+200B）", "merchantOrderId" },
        { Case.RemarkControlCharacter, "invalid", "备注不能包含控制字符、双向格式字符或零宽字符（收到 U+0007）", "merchantRemark" },
        { Case.ImportOrderId51, "invalid", "银商订单号只能是不超过50位的字母或数字（收到“AAAAAAAAAAAAAAAAAAAA…”）", "orderId" },
        { Case.VoidReasonBidiIsolate, "invalid", "撤销原因不能包含控制字符、双向格式字符或零宽字符（收到 U+2066）", "reason" },
    };

    private Task<Result<GuaranteeOutcome>> Take(long amount = 100, string payCode = "134567890123456789", PayMode mode = PayMode.CodeScan, string? orderId = null, string? remark = null, int? terminal = null) =>
        _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(terminal ?? _h.Jingan.Id, amount, mode, payCode, orderId, remark));

    private async Task<Result<GuaranteeOutcome>> Run(Case c) =>
        c switch
        {
            Case.ZeroAmount => await Take(0),
            Case.NegativeAmount => await Take(-100),
            Case.OversizedAmount => await Take(10_000_001),
            Case.FiveDigitTrace => await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, null, "12345"),
            Case.OrderId51 => await Take(orderId: new string('A', 51)),
            Case.Remark31Chinese => await Take(remark: string.Concat(Enumerable.Repeat("押", 31))),
            Case.Remark31Emoji => await Take(remark: string.Concat(Enumerable.Repeat("😀", 31))),
            Case.UnknownPayMode => await Take(mode: (PayMode)99),
            Case.ShortPayCode => await Take(payCode: "123456789"),
            Case.LettersInPayCode => await Take(payCode: "13456789012345678X"),
            Case.CompleteAboveHeld => await _h.Guarantees.CompleteAsync(_h.JinganManager, _held, 20_001),
            Case.CompleteZero => await _h.Guarantees.CompleteAsync(_h.JinganManager, _held, 0),
            Case.VoidCompleted => await _h.Guarantees.VoidAsync(_h.JinganManager, _completed),
            Case.CompleteCompleted => await _h.Guarantees.CompleteAsync(_h.JinganManager, _completed, 1),
            Case.InactiveTerminal => await Take(terminal: _h.JinganInactive.Id),
            Case.OtherStoresHold => await _h.Guarantees.CompleteAsync(_h.PudongManager, _held, 100),
            Case.OtherStoresTerminal => await _h.Guarantees.TakeAsync(_h.PudongManager, new TakeHold(_h.Jingan.Id, 100, PayMode.CodeScan, "134567890123456789")),
            Case.FinanceCompletes => await _h.Guarantees.CompleteAsync(_h.Finance, _held, 100),
            // Another form (another amount) with a used merchant order id; the same form sent again finds its hold instead.
            Case.DuplicateMerchantOrderId => await Take(amount: 200, orderId: "ROOM-1"),
            Case.ImportBadOrderId => await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, "2026-11-27"),
            Case.ImportNothing => await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, " "),
            Case.VoidReason101 => await _h.Guarantees.VoidAsync(_h.JinganManager, _held, new string('因', 101)),
            Case.RemarkRightToLeftOverride => await Take(remark: "押金\u202E00.001¥"),
            Case.OrderIdZeroWidthSpace => await Take(orderId: "ROOM\u200B-1"),
            Case.RemarkControlCharacter => await Take(remark: "押金\a"),
            Case.ImportOrderId51 => await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, new string('A', 51)),
            Case.VoidReasonBidiIsolate => await _h.Guarantees.VoidAsync(_h.JinganManager, _held, "顾客\u2066取消"),
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };

    [Fact]
    public async Task AnotherStoresMerchantOrderId_IsRefusedInWordsThatDoNotSayItExists()
    {
        (await _h.Guarantees.TakeAsync(_h.PudongManager, new TakeHold(_h.Pudong.Id, 100, PayMode.CodeScan, "134567890123456789", "SHARED-1"))).Unwrap();

        var problem = (await Take(orderId: "SHARED-1")).Problem!;

        Assert.Equal(("商户订单号SHARED-1不能使用，请换一个。", "Merchant order id SHARED-1 cannot be used; choose another."), (problem.Chinese, problem.English));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_IsRefusedWithASpecificMessage_SendingAndChangingNothing(Case c, string code, string chinese, string? field)
    {
        if (c == Case.DuplicateMerchantOrderId)
        {
            (await Take(orderId: "ROOM-1")).Unwrap();
        }
        var snapshotBefore = await SnapshotAsync();
        var sentBefore = _h.Gateway.Requests.Count;

        AssertProblem(await Run(c), code, chinese, field);

        Assert.Equal(sentBefore, _h.Gateway.Requests.Count);
        Assert.Equal(snapshotBefore, await SnapshotAsync());
    }

    [Fact]
    public async Task ManualRefresh_IsThrottledPerHold_ScriptedClicksCannotBurnTraceNumbers()
    {
        var queries = _h.Gateway.Count(PosLink.Domain.Gateway.GatewayEndpoint.Query);
        var clicks = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _h.Guarantees.RefreshAsync(_h.JinganManager, _held)));
        Assert.Single(clicks, c => c.Succeeded);
        Assert.All(clicks.Where(c => !c.Succeeded), c => Assert.Equal("too-soon", c.Problem!.Code));
        Assert.Equal(queries + 1, _h.Gateway.Count(PosLink.Domain.Gateway.GatewayEndpoint.Query));

        // Still too soon a second before the ten seconds are up; then one more is allowed.
        _h.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("too-soon", (await _h.Guarantees.RefreshAsync(_h.JinganManager, _held)).Problem!.Code);
        _h.Time.Advance(TimeSpan.FromSeconds(1));
        (await _h.Guarantees.RefreshAsync(_h.JinganManager, _held)).Unwrap();
        Assert.Equal(queries + 2, _h.Gateway.Count(PosLink.Domain.Gateway.GatewayEndpoint.Query));
        // The other store's manager cannot use up the Jing'an hold's allowance: they are told it does not exist.
        Assert.Equal("not-found", (await _h.Guarantees.RefreshAsync(_h.PudongManager, _completed)).Problem!.Code);
    }

    [Fact]
    public void Messages_AreInEnglishToo()
    {
        var problem = new TakeHold(1, 0, PayMode.CodeScan, "134567890123456789").Check(new GuaranteeOptions())!;
        Assert.Equal("The amount must be more than zero (got ¥0.00).", problem.English);
        Assert.Equal("金额必须大于0（收到 ¥0.00）", problem.Chinese);
    }

    [Fact]
    public void PayCodeProblem_NeverEchoesTheCode()
    {
        var problem = new TakeHold(1, 100, PayMode.CodeScan, "13456789012345678X").Check(new GuaranteeOptions())!;
        Assert.DoesNotContain("3456789012345678", problem.Chinese + problem.English, StringComparison.Ordinal);
    }

    private static void AssertProblem(Result<GuaranteeOutcome> result, string code, string chinese, string? field)
    {
        Assert.False(result.Succeeded, "expected a refusal");
        Assert.Equal((code, chinese, field), (result.Problem.Code, result.Problem.Chinese, result.Problem.Field));
        Assert.False(string.IsNullOrWhiteSpace(result.Problem.English));
    }

    /// <summary>Everything a refusal must not touch: holds (with versions), operations, audit entries, terminal counters.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = await _h.Contexts.CreateDbContextAsync();
        var holds = await db.Guarantees.AsNoTracking().OrderBy(g => g.Id).Select(g => $"{g.Id}:{g.Status}:{g.Version}:{g.CompletedFen}").ToListAsync();
        var operations = await db.GatewayOperations.CountAsync();
        var audit = await db.AuditEntries.CountAsync();
        var counters = await db.Terminals.OrderBy(t => t.Id).Select(t => t.LastSystemTraceNum).ToListAsync();
        return $"{string.Join(',', holds)}|{operations}|{audit}|{string.Join(',', counters)}";
    }
}
