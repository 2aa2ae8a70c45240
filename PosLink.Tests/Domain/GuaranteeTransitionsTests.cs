using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;

namespace PosLink.Tests.Domain;

/// <summary>The state machine, row by row, against a table written out here independently of the code's.</summary>
public sealed class GuaranteeTransitionsTests
{
    // Rows: from-state. Columns, in GuaranteeEvent order:
    // AuthorizeApproved AuthorizeDeclined BeginComplete CompleteApproved CompleteDeclined BeginVoid VoidApproved VoidDeclined
    // QueryHeld QueryVoided QueryCompleted QueryCompleting QueryFailed Expire
    // ConfirmHeld ConfirmCompleted ConfirmVoided ConfirmFailed
    // ResyncHeld ResyncCompleted ResyncVoided
    // "-" = not allowed.
    private static readonly Dictionary<GuaranteeStatus, string> Expected = new()
    {
        [GuaranteeStatus.Authorizing] = "Held Declined - - - - - - Held Voided Completed Completing Failed - Held Completed Voided Failed - - -",
        [GuaranteeStatus.Held] = "- - Completing - - Voiding - - Held Voided Completed Completing Failed Expired Held Completed Voided Failed - - -",
        [GuaranteeStatus.Completing] = "- - - Completed Held - - - Held Voided Completed Completing Failed - Held Completed Voided Failed - - -",
        [GuaranteeStatus.Voiding] = "- - - - - - Voided Held Held Voided Completed Completing Failed - Held Completed Voided Failed - - -",
        [GuaranteeStatus.Completed] = "- - - - - - - - - - - - - - - - - - Held Completed Voided",
        [GuaranteeStatus.Voided] = "- - - - - - - - - - - - - - - - - - Held Completed Voided",
        [GuaranteeStatus.Declined] = "- - - - - - - - - - - - - - - - - - - - -",
        [GuaranteeStatus.Failed] = "- - - - - - - - - - - - - - - - - - Held Completed Voided",
        [GuaranteeStatus.Expired] = "- - - - - - - - - - - - - - - - - - - - -",
    };

    public static TheoryData<GuaranteeStatus, GuaranteeEvent, string> Cells()
    {
        var data = new TheoryData<GuaranteeStatus, GuaranteeEvent, string>();
        var events = Enum.GetValues<GuaranteeEvent>();
        foreach (var (from, row) in Expected)
        {
            var cells = row.Split(' ');
            Assert.Equal(events.Length, cells.Length);
            for (var i = 0; i < events.Length; i++)
            {
                data.Add(from, events[i], cells[i]);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Transition_MatchesTheTable(GuaranteeStatus from, GuaranteeEvent on, string expected)
    {
        var allowed = GuaranteeTransitions.TryNext(from, on, out var to);
        if (expected == "-")
        {
            Assert.False(allowed, $"{from} + {on} should not be allowed, but goes to {to}");
        }
        else
        {
            Assert.True(allowed, $"{from} + {on} should go to {expected}");
            Assert.Equal(Enum.Parse<GuaranteeStatus>(expected), to);
        }
    }

    [Fact]
    public void Table_CoversEveryStatus()
    {
        Assert.Equal(Enum.GetValues<GuaranteeStatus>().Order(), Expected.Keys.Order());
    }

    [Theory]
    [InlineData(SecureStatus.Held, GuaranteeEvent.QueryHeld)]
    [InlineData(SecureStatus.Voided, GuaranteeEvent.QueryVoided)]
    [InlineData(SecureStatus.Completed, GuaranteeEvent.QueryCompleted)]
    [InlineData(SecureStatus.Completing, GuaranteeEvent.QueryCompleting)]
    [InlineData(SecureStatus.Failed, GuaranteeEvent.QueryFailed)]
    public void EverySecureStatus_MapsToItsEvent(SecureStatus status, GuaranteeEvent expected)
    {
        Assert.Equal(expected, GuaranteeEvents.FromQuery(status));
    }

    private static Guarantee NewHold() =>
        Guarantee.Take(new Terminal { MerchantId = 1, StoreId = 1, TerminalCode = "JA000001" }, new TakeHold(1, 100, PayMode.CodeScan, "134567890123456789"),
            "PL-1", Actor.For("u", "n", [StaffRole.StoreManager], [1]), LedgerHarnessTime, 30);

    /// <summary>A hold taken as order O-1 and then released by a void the platform approved.</summary>
    private static Guarantee VoidedHold()
    {
        var g = NewHold();
        g.Answered(Answer(GatewayEndpoint.Preauthorize, OperationOutcome.Approved, LedgerHarnessTime), new PreauthorizeResponse { ErrCode = "00", OrderId = "O-1" },
            LedgerHarnessTime, TimeSpan.FromSeconds(5));
        Assert.Null(g.BeginVoid(Actor.System, LedgerHarnessTime, LedgerHarnessTime));
        g.Answered(Answer(GatewayEndpoint.QuickVoidAuthorization, OperationOutcome.Approved, LedgerHarnessTime), null, LedgerHarnessTime, TimeSpan.FromSeconds(5));
        return g;
    }

    /// <summary>A request sent at <paramref name="at"/> and answered: approved, declined, or with a code that settles nothing.</summary>
    private static GatewayOperation Answer(GatewayEndpoint endpoint, OperationOutcome outcome, DateTimeOffset at)
    {
        var operation = new GatewayOperation
        {
            Endpoint = endpoint,
            TerminalId = 1,
            TradeDate = new DateOnly(2026, 11, 27),
            SystemTraceNum = "000001",
            ActorUserId = "u",
            ActorName = "n",
            CreatedAt = at,
        };
        var (category, code) = outcome switch
        {
            OperationOutcome.Approved => (ResponseCategory.Approved, "00"),
            OperationOutcome.Declined => (ResponseCategory.Declined, "51"),
            _ => (ResponseCategory.Unknown, "96"),
        };
        operation.Answered(new GatewayExchange(endpoint, "000001", "{}", "{}", 200, at, TimeSpan.Zero), category, code, null, at);
        return operation;
    }

    [Fact]
    public void ARefusedCommand_ChangesNothing()
    {
        var g = NewHold();
        var version = g.Version;
        Assert.Equal("in-flight", g.BeginComplete(100, Actor.System, LedgerHarnessTime, LedgerHarnessTime)!.Code);
        Assert.Equal((GuaranteeStatus.Authorizing, version), (g.Status, g.Version));
    }

    [Fact]
    public void AHeldHoldThatCannotBeNamedToThePlatform_CannotBeginACompletionOrVoid()
    {
        var g = NewHold();
        g.Answered(Answer(GatewayEndpoint.Preauthorize, OperationOutcome.Approved, LedgerHarnessTime), null, LedgerHarnessTime, TimeSpan.FromSeconds(5));
        var version = g.Version;
        Assert.Equal("unidentified", g.BeginComplete(100, Actor.System, LedgerHarnessTime, LedgerHarnessTime)!.Code);
        Assert.Equal("unidentified", g.BeginVoid(Actor.System, LedgerHarnessTime, LedgerHarnessTime)!.Code);
        Assert.Equal((GuaranteeStatus.Held, version), (g.Status, g.Version));
    }

    [Fact]
    public void AQuerySayingCompletedForAVoidedHold_GoesToAPerson_AndToReconciliation_WithoutMovingIt()
    {
        var g = VoidedHold();
        var completed = new QueryResponse { ErrCode = "00", QueryResCode = "0", SecureStatus = (int)SecureStatus.Completed, OrderId = "O-1" };
        var context = new SettleContext(LedgerHarnessTime, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromHours(24), null);

        var verdict = g.Settle(new QueryEvidence(completed, ResponseCategory.Approved, false, g.ActionNumber, LedgerHarnessTime), context);

        Assert.Equal((QueryVerdict.NeedsAttention, GuaranteeStatus.Voided, true, true), (verdict, g.Status, g.NeedsAttention, g.CheckAgainstGateway));
    }

    [Fact]
    public void ACompletionsApprovalForAHoldThatEndedVoided_GoesToAPerson_AndToReconciliation()
    {
        var g = VoidedHold();

        // A completion's 00 applied long after its time (its save was held up): the platform captured money we show as released.
        g.Answered(Answer(GatewayEndpoint.QuickCompleteAuthorization, OperationOutcome.Approved, LedgerHarnessTime), null, LedgerHarnessTime, TimeSpan.FromSeconds(5));

        Assert.Equal((GuaranteeStatus.Voided, true, true), (g.Status, g.NeedsAttention, g.CheckAgainstGateway));
    }

    [Fact]
    public void AnAnswerTheHoldCannotFollow_IsFlaggedForAPerson_NotDropped()
    {
        var g = NewHold();
        var outcome = g.Answered(Answer(GatewayEndpoint.CompleteAuthorization, OperationOutcome.Approved, LedgerHarnessTime), null, LedgerHarnessTime, TimeSpan.FromSeconds(5));
        Assert.Equal((GuaranteeStatus.Authorizing, true), (outcome.Status, g.NeedsAttention));
    }

    [Fact]
    public void Answers_TrackInFlightTimeAndActions_AndBumpTheVersion()
    {
        var g = NewHold();
        Assert.Equal((LedgerHarnessTime, 1), (g.InFlightSince, g.ActionNumber));
        g.Answered(Answer(GatewayEndpoint.Preauthorize, OperationOutcome.Approved, LedgerHarnessTime), new PreauthorizeResponse { ErrCode = "00", OrderId = "O-1" },
            LedgerHarnessTime.AddSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Equal((GuaranteeStatus.Held, (DateTimeOffset?)null, true), (g.Status, g.InFlightSince, g.ConfirmedHeld));
        Assert.Null(g.BeginComplete(100, Actor.System, LedgerHarnessTime.AddSeconds(2), LedgerHarnessTime.AddSeconds(62)));
        Assert.Equal((GuaranteeStatus.Completing, LedgerHarnessTime.AddSeconds(2), 2), (g.Status, g.InFlightSince, g.ActionNumber));
        Assert.Equal(2, g.Version);
    }

    private static readonly DateTimeOffset LedgerHarnessTime = new(2026, 11, 27, 7, 30, 0, TimeSpan.Zero);
}
