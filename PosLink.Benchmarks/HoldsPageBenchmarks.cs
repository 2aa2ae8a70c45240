using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Npgsql;
using PosLink.Benchmarks.Ledgers;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;

namespace PosLink.Benchmarks;

/// <summary>
/// B1, B2 (and B12's B1 on PostgreSQL): the holds page on 1,000,000 holds through <see cref="GuaranteeQueries"/>,
/// against the same page read by hand (one SQL statement on the provider's own ADO.NET driver, into the same
/// records); a page 500,000 rows down against the first; the totals shown with the grid against the page; the
/// search box's page against the same search by hand.
/// </summary>
[Config(typeof(QueryConfig))]
public class HoldsPageBenchmarks
{
    private const int StoreId = 7;
    private const int PageSize = 50;

    // The page the page query makes, written by hand: the store's held holds, newest first, one row more than the page.
    private const string PageSql = """
        SELECT g."Id", g."Status", g."StoreId", (SELECT s."Name" FROM "Stores" s WHERE s."Id" = g."StoreId" LIMIT 1), t."TerminalCode",
               g."HeldFen", g."CompletedFen", g."MerchantDiscountFen", g."OtherDiscountFen", g."MerchantOrderId", g."OrderId", g."SystemTraceNum", g."AuthorizationCode", g."PayCodeMasked",
               g."CreatedAt", g."ExpiresAt", g."NeedsAttention", g."CreatedByName", g."LastErrCode", g."Imported"
        FROM "Guarantees" g INNER JOIN "Terminals" t ON t."Id" = g."TerminalId"
        WHERE g."StoreId" = @store AND g."Status" = 'Held'
        ORDER BY g."CreatedAt" DESC, g."Id" DESC
        LIMIT @take
        """;

    // The search box's query for four digits, by hand: the same conditions as HoldSearch, on the store's holds.
    private const string SearchSql = """
        SELECT g."Id", g."Status", g."StoreId", (SELECT s."Name" FROM "Stores" s WHERE s."Id" = g."StoreId" LIMIT 1), t."TerminalCode",
               g."HeldFen", g."CompletedFen", g."MerchantDiscountFen", g."OtherDiscountFen", g."MerchantOrderId", g."OrderId", g."SystemTraceNum", g."AuthorizationCode", g."PayCodeMasked",
               g."CreatedAt", g."ExpiresAt", g."NeedsAttention", g."CreatedByName", g."LastErrCode", g."Imported"
        FROM "Guarantees" g INNER JOIN "Terminals" t ON t."Id" = g."TerminalId"
        WHERE g."StoreId" = @store AND (g."PayCodeMasked" LIKE '%' || @term OR g."MerchantOrderId" LIKE @term || '%' OR g."OrderId" LIKE @term || '%'
              OR g."SystemTraceNum" = @term OR g."AuthorizationCode" = @term OR g."MerchantRemark" LIKE '%' || @term || '%')
        ORDER BY g."CreatedAt" DESC, g."Id" DESC
        LIMIT @take
        """;

    /// <summary>Four digits no pay code ends with: the search reads every hold of the store, its worst case.</summary>
    private const string SearchTerm = "0042";

    private BenchLedger _ledger = default!;
    private GuaranteeQueries _queries = default!;
    private string _deepCursor = default!;
    private readonly GuaranteeFilter _held = new(Statuses: [GuaranteeStatus.Held]);

    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _ledger = await BenchLedger.OpenAsync(Provider, Smoke.Enabled ? 10_000 : 1_000_000, HoldMix.Chain);
        _queries = new GuaranteeQueries(_ledger.Contexts, _ledger.Clock);
        // Walk to page 10,000 (row 500,000 of every hold, newest first) once; its cursor is then one parse away.
        var depth = Smoke.Enabled ? 100 : 10_000;
        string? cursor = null;
        for (var page = 1; page < depth; page += GuaranteeQueries.MaxPageSize / PageSize)
        {
            cursor = (await _queries.ListAsync(BenchLedger.Admin, new GuaranteeFilter(), GuaranteeSort.Newest, GuaranteeQueries.MaxPageSize, cursor)).NextCursor;
        }
        _deepCursor = cursor!;
    }

    [Benchmark(Baseline = true)]
    public Task<GuaranteePage> ByHandStorePage() => ByHandAsync(PageSql, null);

    [Benchmark]
    public Task<GuaranteePage> ByHandSearchPage() => ByHandAsync(SearchSql, SearchTerm);

    [Benchmark]
    public Task<GuaranteePage> SearchPage() => _queries.ListAsync(BenchLedger.ManagerOf(StoreId), new GuaranteeFilter(Search: SearchTerm), GuaranteeSort.Newest, PageSize);

    private async Task<GuaranteePage> ByHandAsync(string sql, string? term)
    {
        await using DbConnection connection = Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(_ledger.Connection.ConnectionString)
            : new SqliteConnection(_ledger.Connection.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Add("@store", StoreId);
        if (term is not null)
        {
            command.Add("@term", term);
        }
        command.Add("@take", PageSize + 1);
        var rows = new List<GuaranteeRow>(PageSize + 1);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(new GuaranteeRow(reader.GetInt64(0), Enum.Parse<GuaranteeStatus>(reader.GetString(1)), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), Text(reader, 9), Text(reader, 10), Text(reader, 11),
                    Text(reader, 12), reader.GetString(13), new DateTimeOffset(reader.GetInt64(14), TimeSpan.Zero), new DateTimeOffset(reader.GetInt64(15), TimeSpan.Zero),
                    reader.GetBoolean(16), reader.GetString(17), Text(reader, 18), reader.GetBoolean(19)));
            }
        }
        return new GuaranteePage(rows.Take(PageSize).ToList(), rows.Count > PageSize ? "more" : null);
    }

    [Benchmark]
    public Task<GuaranteePage> StorePage() => _queries.ListAsync(BenchLedger.ManagerOf(StoreId), _held, GuaranteeSort.Newest, PageSize);

    [Benchmark]
    public Task<GuaranteePage> EveryHoldFirstPage() => _queries.ListAsync(BenchLedger.Admin, new GuaranteeFilter(), GuaranteeSort.Newest, PageSize);

    [Benchmark]
    public Task<GuaranteePage> EveryHoldPage10000() => _queries.ListAsync(BenchLedger.Admin, new GuaranteeFilter(), GuaranteeSort.Newest, PageSize, _deepCursor);

    [Benchmark]
    public Task<GuaranteeTotals> StoreTotals() => _queries.TotalsAsync(BenchLedger.ManagerOf(StoreId), _held);

    [Benchmark]
    public Task<GuaranteeTotals> EveryHoldTotals() => _queries.TotalsAsync(BenchLedger.Admin, new GuaranteeFilter());

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
