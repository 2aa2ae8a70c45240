using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Text;
using PosLink.Domain.Time;

namespace PosLink.Domain.Finance;

/// <summary>A statement file as uploaded, with how to read it; <see cref="SettlementDate"/> dates every row when the file has no date column.</summary>
public sealed record StatementUpload(int MerchantId, string FileName, byte[] Content, StatementColumns Columns, DateOnly? SettlementDate);

/// <summary>What a file looks like before it is imported: its header, a few rows, and the mapping remembered for the merchant.</summary>
public sealed record StatementPreview(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Sample, StatementColumns? Remembered, StatementColumns Suggested, int RowCount);

/// <summary>What an import did; <see cref="Problems"/> non-empty means the file was refused and nothing was stored.</summary>
public sealed record StatementImportResult(long? ImportId, bool AlreadyImported, int Rows, int Matched, int Differences, int DatesAdopted,
    IReadOnlyList<StatementProblem> Problems, int ProblemCount, DateTimeOffset? ImportedAt = null, string? ImportedByName = null)
{
    public bool Refused => Problems.Count > 0;
}

/// <summary>
/// Imports the settlement statement a merchant downloads from the ChinaUMS portal: reads it all or nothing, stores its
/// rows once (the file's SHA-256 recognizes it again), matches each row to a hold by order id or retrieval reference
/// number, and records every disagreement on the reconciliation list. A completion whose settlement date was only our
/// estimate takes the statement's. The column mapping is remembered per merchant.
/// </summary>
public sealed partial class StatementImporter(IDbContextFactory<PosLinkDbContext> contexts, TimeProvider time, ILogger<StatementImporter> logger)
{
    private const int SampleRows = 5;

    public async Task<Result<StatementPreview>> PreviewAsync(Actor actor, int merchantId, string fileName, byte[] content, int? headerRow = null, CancellationToken cancellationToken = default)
    {
        if (!actor.CanReconcile)
        {
            return FinanceProblems.OnlyFinance;
        }
        var sheet = await OffTheCallerAsync(token => StatementSheet.Read(fileName, content, token), StatementSheet.IsSpreadsheet(content), cancellationToken);
        if (!sheet.Succeeded)
        {
            return sheet.Problem;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mapping = await db.StatementMappings.AsNoTracking().SingleOrDefaultAsync(m => m.MerchantId == merchantId, cancellationToken);
        var row = headerRow ?? mapping?.HeaderRow ?? GuessHeaderRow(sheet.Value);
        var headers = StatementParser.Headers(sheet.Value, row);
        var remembered = mapping is not null && mapping.HeaderRow == row && headers.Contains(mapping.KeyColumn) && headers.Contains(mapping.AmountColumn) &&
                         (mapping.DateColumn is null || headers.Contains(mapping.DateColumn)) && (mapping.FeeColumn is null || headers.Contains(mapping.FeeColumn))
            ? new StatementColumns(mapping.HeaderRow, mapping.KeyColumn, mapping.KeyKind, mapping.AmountColumn, mapping.AmountUnit, mapping.DateColumn, mapping.FeeColumn)
            : null;
        var sample = sheet.Value.Rows.Skip(row).Where(r => r.Any(c => c is not null && c.ToString() is { Length: > 0 })).Take(SampleRows)
            .Select(r => (IReadOnlyList<string>)r.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? "").ToList()).ToList();
        return new StatementPreview(headers, sample, remembered, Suggest(row, headers), Math.Max(0, sheet.Value.Rows.Count - row));
    }

    public async Task<Result<StatementImportResult>> ImportAsync(Actor actor, StatementUpload upload, CancellationToken cancellationToken = default)
    {
        if (!actor.CanReconcile)
        {
            return FinanceProblems.OnlyFinance;
        }
        var fileName = Path.GetFileName(upload.FileName ?? "").Trim();
        if (fileName.Length == 0 || TextRules.Check("fileName", new Phrase("Field.FileName"), fileName, 200) is not null)
        {
            fileName = "statement";
        }
        var now = time.GetUtcNow();
        var hash = Convert.ToHexStringLower(SHA256.HashData(upload.Content));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Merchants.AnyAsync(m => m.Id == upload.MerchantId, cancellationToken))
        {
            return FinanceProblems.MerchantNotFound;
        }
        if (await EarlierAsync(db, upload.MerchantId, hash, cancellationToken) is { } earlier)
        {
            return earlier;
        }
        var read = await OffTheCallerAsync(token =>
        {
            var sheet = StatementSheet.Read(fileName, upload.Content, token);
            return sheet.Succeeded ? StatementParser.Parse(sheet.Value, upload.Columns, upload.SettlementDate, ChinaTime.TradeDate(now), token) : (Result<ParsedStatement>)sheet.Problem;
        }, StatementSheet.IsSpreadsheet(upload.Content), cancellationToken);
        if (!read.Succeeded)
        {
            return read.Problem;
        }
        var parsed = read.Value;
        if (parsed.ProblemCount > 0)
        {
            return new StatementImportResult(null, false, 0, 0, 0, 0, parsed.Problems, parsed.ProblemCount);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var import = new StatementImport
        {
            MerchantId = upload.MerchantId,
            FileName = fileName,
            ContentHash = hash,
            RowCount = parsed.Rows.Count,
            AmountFen = parsed.Rows.Sum(r => r.AmountFen),
            FeeFen = parsed.Rows.Any(r => r.FeeFen is not null) ? parsed.Rows.Sum(r => r.FeeFen ?? 0) : null,
            FirstDate = parsed.Rows.Min(r => r.SettlementDate),
            LastDate = parsed.Rows.Max(r => r.SettlementDate),
            ImportedAt = now,
            ImportedByUserId = actor.UserId,
            ImportedByName = actor.Name,
        };
        var kind = upload.Columns.KeyKind;
        db.StatementImports.Add(import);
        Remember(db, await db.StatementMappings.SingleOrDefaultAsync(m => m.MerchantId == upload.MerchantId, cancellationToken), upload, actor, now);

        var rows = parsed.Rows.Select(r => new StatementRow
        {
            MerchantId = upload.MerchantId,
            RowNumber = r.RowNumber,
            KeyKind = kind,
            Key = r.Key,
            AmountFen = r.AmountFen,
            FeeFen = r.FeeFen,
            SettlementDate = r.SettlementDate,
        }).ToList();
        var matching = new StatementMatching(db, upload.MerchantId, kind, import, rows, actor, now);
        await matching.MatchAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            // The rows, matched and with the import's id now known, bypass the change tracker.
            rows.ForEach(r => r.Of(import.Id));
            await StatementRowWriter.InsertAsync(db, rows, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return FinanceProblems.HoldsChangedDuringImport;
        }
        catch (DbUpdateException)
        {
            // The same file, imported a moment ago by someone else: the unique hash refused this one.
            return await EarlierAsync(db, upload.MerchantId, hash, cancellationToken, fresh: true) ?? throw new InvalidOperationException("A statement import failed to save.");
        }
        await matching.FindMissingAsync(cancellationToken);
        import.Matched(matching.Matched, matching.Differences, matching.DatesAdopted);
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.StatementImport, nameof(StatementImport), import.Id, null,
            new { import.FileName, import.RowCount, import.MatchedCount, import.DifferenceCount, import.DatesAdopted, import.FirstDate, import.LastDate, Hash = hash[..12] }, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogImported(import.Id, import.RowCount, import.MatchedCount, import.DifferenceCount);
        return new StatementImportResult(import.Id, false, import.RowCount, import.MatchedCount, import.DifferenceCount, import.DatesAdopted, [], 0, now, actor.Name);
    }

    /// <summary>
    /// Reads a file off the caller's thread (a page stays responsive), stopped by the caller's token (the page closing)
    /// or after <see cref="SheetLimits.ReadBudget"/>; whatever the file makes the reader throw becomes a message, never
    /// an exception that would end the caller's circuit.
    /// </summary>
    private async Task<Result<T>> OffTheCallerAsync<T>(Func<CancellationToken, Result<T>> read, bool spreadsheet, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(SheetLimits.ReadBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            return await Task.Run(() => read(linked.Token), linked.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogReadStopped(SheetLimits.ReadBudget.TotalSeconds);
            return SheetLimits.TookTooLong();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReadFailed(ex.GetType().Name);
            return SheetLimits.Unreadable(spreadsheet);
        }
    }

    private static async Task<StatementImportResult?> EarlierAsync(PosLinkDbContext db, int merchantId, string hash, CancellationToken cancellationToken, bool fresh = false)
    {
        if (fresh)
        {
            db.ChangeTracker.Clear();
        }
        return await db.StatementImports.AsNoTracking().Where(i => i.MerchantId == merchantId && i.ContentHash == hash)
            .Select(i => new StatementImportResult(i.Id, true, i.RowCount, i.MatchedCount, i.DifferenceCount, i.DatesAdopted, new List<StatementProblem>(), 0, i.ImportedAt, i.ImportedByName))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static void Remember(PosLinkDbContext db, StatementMapping? mapping, StatementUpload upload, Actor actor, DateTimeOffset now)
    {
        if (mapping is null)
        {
            mapping = new StatementMapping { MerchantId = upload.MerchantId };
            db.StatementMappings.Add(mapping);
        }
        mapping.Remember(upload.Columns, actor.Name, now);
    }

    /// <summary>The first of the first rows with at least three non-empty cells: portals put a title and the date range above the header.</summary>
    private static int GuessHeaderRow(StatementSheet sheet)
    {
        for (var r = 0; r < Math.Min(sheet.Rows.Count, StatementColumns.MaxHeaderRow); r++)
        {
            if (sheet.Rows[r].Count(c => c is string s && s.Trim().Length > 0) >= 3)
            {
                return r + 1;
            }
        }
        return 1;
    }

    /// <summary>A first guess at the columns from their names, as ChinaUMS and its portals name them.</summary>
    private static StatementColumns Suggest(int headerRow, IReadOnlyList<string> headers)
    {
        // Words in order of preference: 银商订单号 before a merchant's own 商户订单号.
        string? Named(params string[] words) => words.Select(w => headers.FirstOrDefault(h => h.Contains(w, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(h => h is not null);
        var order = Named("银商订单号", "order id", "订单号");
        var reference = Named("检索参考号", "参考号", "retrieval");
        return new StatementColumns(headerRow, order ?? reference ?? "", order is null && reference is not null ? StatementKey.RetrievalRefNum : StatementKey.OrderId,
            Named("交易金额", "金额", "amount") ?? "", AmountUnit.Yuan, Named("清算日期", "结算日期", "settlement", "日期", "date"), Named("手续费", "fee"));
    }

    [LoggerMessage(EventId = 411, Level = LogLevel.Warning, Message = "A statement file was stopped after {Seconds} s of reading")]
    private partial void LogReadStopped(double seconds);

    // The exception's type only: its message may quote the file.
    [LoggerMessage(EventId = 412, Level = LogLevel.Error, Message = "Reading a statement file failed unexpectedly ({ExceptionType}); the user was told it cannot be read")]
    private partial void LogReadFailed(string exceptionType);

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Statement import {ImportId}: {Rows} rows, {Matched} matched, {Differences} differences")]
    private partial void LogImported(long importId, int rows, int matched, int differences);
}
