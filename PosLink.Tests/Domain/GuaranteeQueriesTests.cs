using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

public class GuaranteeQueriesTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;
    private readonly List<long> _jingan = [];
    private readonly List<long> _pudong = [];

    /// <summary>The ledger's database; <see cref="GuaranteeQueriesTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private GuaranteeQueries Queries => new(_h.Contexts, _h.Time);

    public async Task InitializeAsync()
    {
        _h = await LedgerHarness.CreateAsync(provider: Provider);
        for (var i = 1; i <= 12; i++)
        {
            _jingan.Add(await _h.HeldAsync(i * 1_000));
            _h.Time.Advance(TimeSpan.FromMinutes(10));
        }
        for (var i = 1; i <= 5; i++)
        {
            _pudong.Add((await _h.Guarantees.TakeAsync(_h.PudongManager, new TakeHold(_h.Pudong.Id, 50_000 + i, PayMode.CodeScan, "134567890123456789", $"PD-{i}"))).Unwrap().GuaranteeId);
        }
        (await _h.Guarantees.CompleteAsync(_h.JinganManager, _jingan[0], 500)).Unwrap();
        (await _h.Guarantees.VoidAsync(_h.JinganManager, _jingan[1])).Unwrap();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Manager_SeesOnlyTheirStore_AdminAndFinanceSeeAll()
    {
        var manager = await Queries.ListAsync(_h.JinganManager, new GuaranteeFilter(), pageSize: 200);
        Assert.Equal(_jingan.Order(), manager.Rows.Select(r => r.Id).Order());
        Assert.All(manager.Rows, r => Assert.Equal("静安店", r.StoreName));
        Assert.Equal(17, (await Queries.TotalsAsync(_h.Admin, new GuaranteeFilter())).Count);
        Assert.Equal(17, (await Queries.TotalsAsync(_h.Finance, new GuaranteeFilter())).Count);
        Assert.Equal(12, (await Queries.TotalsAsync(_h.JinganManager, new GuaranteeFilter())).Count);

        // Asking for the other store's rows gives none, not an error that would confirm they exist.
        Assert.Empty((await Queries.ListAsync(_h.JinganManager, new GuaranteeFilter(StoreId: _h.Pudong.StoreId))).Rows);
        Assert.Null(await Queries.DetailAsync(_h.JinganManager, _pudong[0]));
    }

    [Fact]
    public async Task KeysetPaging_VisitsEveryRowOnce_InOrder_ForEverySort()
    {
        foreach (var sort in Enum.GetValues<GuaranteeSort>())
        {
            var seen = new List<GuaranteeRow>();
            string? cursor = null;
            do
            {
                var page = await Queries.ListAsync(_h.Admin, new GuaranteeFilter(), sort, pageSize: 4, cursor);
                Assert.True(page.Rows.Count <= 4);
                seen.AddRange(page.Rows);
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            Assert.Equal(17, seen.Count);
            Assert.Equal(17, seen.Select(r => r.Id).Distinct().Count());
            var expected = sort switch
            {
                GuaranteeSort.Oldest => seen.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
                GuaranteeSort.AmountHighest => seen.OrderByDescending(r => r.HeldFen).ThenByDescending(r => r.Id),
                GuaranteeSort.AmountLowest => seen.OrderBy(r => r.HeldFen).ThenBy(r => r.Id),
                GuaranteeSort.ExpiresSoonest => seen.OrderBy(r => r.ExpiresAt).ThenBy(r => r.Id),
                _ => seen.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            };
            Assert.Equal(expected.Select(r => r.Id), seen.Select(r => r.Id));
        }
    }

    [Fact]
    public async Task Filters_StatusAmountSearchAndDates()
    {
        var held = await Queries.TotalsAsync(_h.JinganManager, new GuaranteeFilter(Statuses: [GuaranteeStatus.Held]));
        Assert.Equal(10, held.Count);
        Assert.Equal(Enumerable.Range(3, 10).Sum(i => i * 1_000L), held.HeldFen);
        Assert.Equal(10, (await Queries.ListAsync(_h.JinganManager, new GuaranteeFilter(Statuses: [GuaranteeStatus.Held]))).Rows.Count);

        var completed = await Queries.TotalsAsync(_h.Admin, new GuaranteeFilter(Statuses: [GuaranteeStatus.Completed]));
        Assert.Equal((1, 500L), (completed.Count, completed.CompletedFen));

        var range = await Queries.ListAsync(_h.Admin, new GuaranteeFilter(MinFen: 5_000, MaxFen: 7_000));
        Assert.Equal([5_000L, 6_000L, 7_000L], range.Rows.Select(r => r.HeldFen).Order());

        var byOrder = await Queries.ListAsync(_h.Admin, new GuaranteeFilter(Search: " PD-3 "));
        Assert.Equal(_pudong[2], Assert.Single(byOrder.Rows).Id);
        var detail = (await Queries.DetailAsync(_h.Admin, _jingan[4]))!;
        var byAuthorization = await Queries.ListAsync(_h.Admin, new GuaranteeFilter(Search: detail.Hold.AuthorizationCode));
        Assert.Contains(byAuthorization.Rows, r => r.Id == _jingan[4]);
        var byTrace = await Queries.ListAsync(_h.JinganManager, new GuaranteeFilter(Search: detail.Hold.SystemTraceNum));
        Assert.Equal(_jingan[4], Assert.Single(byTrace.Rows).Id);

        // Taken from 15:30 China time on 27 November: the day filter is the China calendar day.
        Assert.Equal(17, (await Queries.TotalsAsync(_h.Admin, new GuaranteeFilter(From: new DateOnly(2026, 11, 27), To: new DateOnly(2026, 11, 27)))).Count);
        Assert.Equal(0, (await Queries.TotalsAsync(_h.Admin, new GuaranteeFilter(From: new DateOnly(2026, 11, 28)))).Count);
    }

    [Fact]
    public async Task Search_FindsWhatTheCounterHasInHand_WithinWhatTheActorSees()
    {
        var remarked = (await _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 8_800, PayMode.CodeScan, "287654321098765432", "ROOM-1208", "1208房押金"))).Unwrap().GuaranteeId;
        var detail = (await Queries.DetailAsync(_h.Admin, remarked))!;
        Task<IEnumerable<long>> Found(Actor actor, string search) =>
            Queries.ListAsync(actor, new GuaranteeFilter(Search: search), pageSize: 200).ContinueWith(t => t.Result.Rows.Select(r => r.Id));

        // The start of a merchant order id, or of the gateway's order id.
        Assert.Equal(_pudong.Order(), (await Found(_h.Admin, "PD-")).Order());
        Assert.Equal([remarked], await Found(_h.Admin, "ROOM"));
        Assert.Equal(18, (await Found(_h.Admin, "2026112")).Count());
        Assert.Equal([remarked], await Found(_h.Admin, detail.Hold.OrderId!));
        // The last four digits of the pay code: this customer's only, not the seventeen paid with …6789.
        Assert.Equal([remarked], await Found(_h.JinganManager, "5432"));
        Assert.Equal(17, (await Queries.TotalsAsync(_h.Admin, new GuaranteeFilter(Search: "6789"))).Count);
        // A fragment of the remark, and the retrieval reference number.
        Assert.Equal([remarked], await Found(_h.JinganManager, "房押"));
        Assert.Equal([remarked], await Found(_h.JinganManager, detail.Hold.RetrievalRefNum!));

        // Within the actor's stores whatever the term; LIKE's wildcards are the characters themselves.
        Assert.Empty(await Found(_h.JinganManager, "PD-"));
        Assert.Empty(await Found(_h.Admin, "%"));
        Assert.Empty(await Found(_h.Admin, "_"));
        // Spaces around a term are not part of it; a term longer than any field is cut before any work.
        Assert.Equal([remarked], await Found(_h.Admin, "  ROOM-1208 "));
        Assert.Empty(await Found(_h.Admin, new string('9', 100_000)));
        Assert.Equal(HoldSearch.MaxLength, HoldSearch.Term(new string('9', 100_000))!.Length);
    }

    [Fact]
    public async Task Detail_HasTheOperationTimelineAndAudit()
    {
        var detail = (await Queries.DetailAsync(_h.JinganManager, _jingan[0]))!;
        Assert.Equal(("静安店", "JA000001", "898310148160568"), (detail.StoreName, detail.TerminalCode, detail.MerchantCode));
        Assert.Equal([GatewayEndpoint.Preauthorize, GatewayEndpoint.CompleteAuthorization], detail.Operations.Select(o => o.Endpoint));
        Assert.Equal(["guarantee.take", "guarantee.complete"], detail.Audit.Select(a => a.Action));
    }

    [Fact]
    public async Task Slip_HasTheHoldsPlaceAndPeople_AndIsNotFoundForAnotherStoresManager()
    {
        var slip = (await Queries.SlipAsync(_h.JinganManager, _jingan[0]))!;
        Assert.Equal(("静安店", "JA000001", GuaranteeStatus.Completed, 500L), (slip.StoreName, slip.TerminalCode, slip.Status, slip.Figures.CompletedFen));
        Assert.Equal((_h.JinganManager.Name, _h.JinganManager.Name), (slip.CreatedByName, slip.FinalizedByName));
        Assert.NotNull(slip.OrderId);

        // Another store's hold reads as missing, exactly as a hold that does not exist; finance and admins see every store.
        Assert.Null(await Queries.SlipAsync(_h.JinganManager, _pudong[0]));
        Assert.Null(await Queries.SlipAsync(_h.JinganManager, long.MaxValue));
        Assert.Equal("PD-1", (await Queries.SlipAsync(_h.Finance, _pudong[0]))?.MerchantOrderId);
        Assert.Equal("PD-1", (await Queries.SlipAsync(_h.Admin, _pudong[0]))?.MerchantOrderId);
    }

    [Fact]
    public async Task ExpiringSoon_ListsHeldHoldsWithinTheWindow()
    {
        // Now: 27 days and 120 minutes after the first hold. The Jingan holds expire 30 days after being taken,
        // 10 minutes apart; a window reaching 30 days + 35 minutes covers the first four, of which two are still held.
        _h.Time.Advance(TimeSpan.FromDays(27));
        var soon = await Queries.ExpiringSoonAsync(_h.JinganManager, TimeSpan.FromDays(3) - TimeSpan.FromMinutes(120) + TimeSpan.FromMinutes(35));
        Assert.Equal([_jingan[2], _jingan[3]], soon.Select(r => r.Id));
    }

    [Fact]
    public async Task AStoresFirstPageByStatus_IsTheGeneralQuerysFirstPage()
    {
        // One store, one status, newest first, no cursor is a compiled query; a filter that also sets a minimum of 0 fen
        // matches the same holds through the general path. Both must give the same rows, for the manager and the admin.
        foreach (var status in new[] { GuaranteeStatus.Held, GuaranteeStatus.Completed, GuaranteeStatus.Voided })
        {
            foreach (var (actor, store) in new[] { (_h.JinganManager, (int?)null), (_h.JinganManager, _h.Jingan.StoreId), (_h.Admin, _h.Jingan.StoreId), (_h.Admin, _h.Pudong.StoreId) })
            {
                var fast = await Queries.ListAsync(actor, new GuaranteeFilter(Statuses: [status], StoreId: store), pageSize: 4);
                var general = await Queries.ListAsync(actor, new GuaranteeFilter(Statuses: [status], StoreId: store, MinFen: 0), pageSize: 4);
                Assert.Equal(general.Rows, fast.Rows);
                Assert.Equal(general.NextCursor, fast.NextCursor);
            }
        }
        Assert.Equal(4, (await Queries.ListAsync(_h.JinganManager, new GuaranteeFilter(Statuses: [GuaranteeStatus.Held]), pageSize: 4)).Rows.Count);

        // The other store's first page, asked for by a manager of this one, is empty on both paths.
        Assert.Empty((await Queries.ListAsync(_h.JinganManager, new GuaranteeFilter(Statuses: [GuaranteeStatus.Held], StoreId: _h.Pudong.StoreId))).Rows);
    }
}

/// <summary>Every test of <see cref="GuaranteeQueriesTests"/>, on PostgreSQL: the compiled first page runs on both models in one process.</summary>
public sealed class GuaranteeQueriesTestsOnPostgres : GuaranteeQueriesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
