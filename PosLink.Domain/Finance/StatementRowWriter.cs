using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PosLink.Domain.Persistence;

namespace PosLink.Domain.Finance;

/// <summary>
/// Writes a statement's rows with one prepared INSERT in the import's transaction: ten thousand rows through the
/// change tracker cost most of an import. Table, columns, quoting and value conversions come from the EF model, so
/// the statement follows the schema and the provider.
/// </summary>
internal static class StatementRowWriter
{
    private static readonly (string Property, Func<StatementRow, object?> Value)[] Columns =
    [
        (nameof(StatementRow.ImportId), r => r.ImportId),
        (nameof(StatementRow.MerchantId), r => r.MerchantId),
        (nameof(StatementRow.RowNumber), r => r.RowNumber),
        (nameof(StatementRow.KeyKind), r => r.KeyKind),
        (nameof(StatementRow.Key), r => r.Key),
        (nameof(StatementRow.AmountFen), r => r.AmountFen),
        (nameof(StatementRow.FeeFen), r => r.FeeFen),
        (nameof(StatementRow.SettlementDate), r => r.SettlementDate),
        (nameof(StatementRow.GuaranteeId), r => r.GuaranteeId),
    ];

    public static async Task InsertAsync(PosLinkDbContext db, IReadOnlyList<StatementRow> rows, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(StatementRow))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = Columns.Select(c => entity.FindProperty(c.Property)!).ToArray();

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var parameters = new DbParameter[properties.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@p" + i;
            command.Parameters.Add(parameters[i]);
        }
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                              $"({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) " +
                              $"VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))})";
        var converters = properties.Select(p => p.GetTypeMapping().Converter).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < properties.Length; i++)
            {
                var value = Columns[i].Value(row);
                parameters[i].Value = (value is null ? null : converters[i] is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
