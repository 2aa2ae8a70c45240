using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;

namespace PosLink.Tests.Domain;

/// <summary>The state machine, row by row, against a table written out here independently of the code's.</summary>
public sealed class GuaranteeTransitionsTests
{
    // Rows: from-state. Columns, in GuaranteeEvent order:
    // AuthorizeApproved AuthorizeDeclined BeginComplete CompleteApproved CompleteDeclined BeginVoid VoidApproved VoidDeclined
    // QueryHeld QueryVoided QueryCompleted QueryCompleting QueryFailed Expire
    // "-" = not allowed.
    private static readonly Dictionary<GuaranteeStatus, string> Expected = new()
    {
        [GuaranteeStatus.Authorizing] = "Held Declined - - - - - - Held Voided Completed Completing Failed -",
        [GuaranteeStatus.Held] = "- - Completing - - Voiding - - Held Voided Completed Completing Failed Expired",
        [GuaranteeStatus.Completing] = "- - - Completed Held - - - Held Voided Completed Completing Failed -",
        [GuaranteeStatus.Voiding] = "- - - - - - Voided Held Held Voided Completed Completing Failed -",
        [GuaranteeStatus.Completed] = "- - - - - - - - - - - - - -",
        [GuaranteeStatus.Voided] = "- - - - - - - - - - - - - -",
        [GuaranteeStatus.Declined] = "- - - - - - - - - - - - - -",
        [GuaranteeStatus.Failed] = "- - - - - - - - - - - - - -",
        [GuaranteeStatus.Expired] = "- - - - - - - - - - - - - -",
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

    [Fact]
    public void Apply_RefusedTransition_ChangesNothing()
    {
        var g = new Guarantee { TerminalId = 1, StoreId = 1, HeldFen = 100, PayCodeMasked = "", CreatedByUserId = "u", CreatedByName = "n" };
        var version = g.Version;
        Assert.False(g.Apply(GuaranteeEvent.CompleteApproved, LedgerHarnessTime));
        Assert.Equal(GuaranteeStatus.Authorizing, g.Status);
        Assert.Equal(version, g.Version);
    }

    [Fact]
    public void Apply_TracksInFlightTimeAndBumpsTheVersion()
    {
        var g = new Guarantee { TerminalId = 1, StoreId = 1, HeldFen = 100, PayCodeMasked = "", CreatedByUserId = "u", CreatedByName = "n" };
        g.StartAuthorizing(LedgerHarnessTime);
        Assert.True(g.Apply(GuaranteeEvent.AuthorizeApproved, LedgerHarnessTime.AddSeconds(1)));
        Assert.Null(g.InFlightSince);
        Assert.True(g.Apply(GuaranteeEvent.BeginComplete, LedgerHarnessTime.AddSeconds(2)));
        Assert.Equal(LedgerHarnessTime.AddSeconds(2), g.InFlightSince);
        Assert.Equal(2, g.Version);
    }

    private static readonly DateTimeOffset LedgerHarnessTime = new(2026, 11, 27, 7, 30, 0, TimeSpan.Zero);
}
