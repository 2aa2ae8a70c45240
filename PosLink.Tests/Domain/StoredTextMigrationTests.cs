using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Persistence;
using PosLink.Domain.Text;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

/// <summary>
/// A ledger written before reasons were stored as phrases holds bilingual sentences; at start they become the phrase
/// they meant, so a Chinese reader and an English one each read theirs. The gateway's own words stay as they were.
/// </summary>
public class StoredTextMigrationTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task OldBilingualReasons_BecomePhrases_InBothLanguages_AndGatewayWordsStay()
    {
        var flagged = await _h.HeldAsync(20_000);
        var declined = await _h.HeldAsync(30_000);
        await using (var db = await _h.Contexts.CreateDbContextAsync())
        {
            // As an older PosLink stored them.
            await db.Guarantees.Where(g => g.Id == flagged).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.NeedsAttention, true)
                .SetProperty(g => g.AttentionReason, "平台显示此担保为已完成，与本地的担保中不符 (the platform says Completed, the hold is Held)"));
            await db.Guarantees.Where(g => g.Id == declined).ExecuteUpdateAsync(s => s.SetProperty(g => g.LastErrInfo, "余额不足"));
        }

        await using (var db = await _h.Contexts.CreateDbContextAsync())
        {
            await LegacyTexts.MigrateAsync(db);
            await LegacyTexts.MigrateAsync(db); // a second start finds nothing to do
        }

        var g1 = await _h.LoadAsync(flagged);
        Assert.Equal("平台显示此担保为已完成，与本地的担保中不符", Said.Zh(g1.AttentionReason));
        Assert.Equal("The platform says Completed; the hold here is Held", Said.En(g1.AttentionReason));
        Assert.Equal("余额不足", (await _h.LoadAsync(declined)).LastErrInfo);
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class StoredTextMigrationTestsOnPostgres : StoredTextMigrationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
