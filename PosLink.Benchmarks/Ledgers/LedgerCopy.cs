using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;

namespace PosLink.Benchmarks.Ledgers;

/// <summary>
/// Multiplies the holds a ledger has, in SQL, over exactly the columns the EF model maps: unique ones made unique
/// (a copy number appended), instants moved on by a span per copy, everything else as the app wrote it. A column
/// added to the model is copied without a change here. On PostgreSQL the summary triggers are off for the copy and
/// the summary is counted once after it.
/// </summary>
public static class LedgerCopy
{
    public static async Task CopyGuaranteesAsync(IDbContextFactory<PosLinkDbContext> contexts, int copies, TimeSpan shift)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var entity = db.Model.FindEntityType(typeof(Guarantee))!;
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var unique = entity.GetIndexes().Where(i => i.IsUnique).SelectMany(i => i.Properties).Select(p => p.Name).ToHashSet();
        var columns = entity.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p =>
        {
            var name = $"\"{p.GetColumnName(store)}\"";
            var source = unique.Contains(p.Name) ? $"{name} || '-' || CAST(@copy AS TEXT)"
                : p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?) ? $"{name} + @copy * @shift"
                : name;
            return (Target: name, Source: source);
        }).ToList();
        var templates = await db.Guarantees.MaxAsync(g => g.Id);
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => c.Target))}) " +
                  $"SELECT {string.Join(", ", columns.Select(c => c.Source))} FROM \"{table}\" WHERE \"Id\" <= {templates}";

        var connectionObject = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await connectionObject.BeginTransactionAsync();
        await using var insert = connectionObject.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = sql;
        insert.CommandTimeout = 0;
        var postgres = db.Database.IsNpgsql();
        if (postgres)
        {
            await ExecuteAsync(connectionObject, transaction, "ALTER TABLE \"Guarantees\" DISABLE TRIGGER USER");
        }
        var copy = insert.Add("@copy", 0L);
        insert.Add("@shift", shift.Ticks);
        for (var k = 1; k <= copies; k++)
        {
            copy.Value = (long)k;
            await insert.ExecuteNonQueryAsync();
        }
        if (postgres)
        {
            await ExecuteAsync(connectionObject, transaction, "ALTER TABLE \"Guarantees\" ENABLE TRIGGER USER");
            await ExecuteAsync(connectionObject, transaction, HoldSummaryTriggers.Refill);
        }
        await transaction.CommitAsync();
        await using var analyze = connectionObject.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.CommandTimeout = 0;
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
