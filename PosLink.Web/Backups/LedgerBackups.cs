using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosLink.Domain;
using PosLink.Domain.Audit;
using PosLink.Domain.Guarantees.Recovery;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;

namespace PosLink.Web.Backups;

/// <summary>One copy of the ledger in the backup folder.</summary>
public sealed record LedgerCopy(string FileName, long Bytes, DateTimeOffset TakenAt);

/// <summary>
/// Consistent online copies of the SQLite ledger with <c>VACUUM INTO</c> (a snapshot inside one read transaction,
/// never a file copy of a live database, which can tear across the write-ahead log). Each copy carries the mark a
/// restored ledger is recognised by (<see cref="RestoredLedger"/>); the last <see cref="BackupOptions.Keep"/> are kept.
/// </summary>
public sealed class LedgerBackups(PosLinkConnection ledger, IDbContextFactory<PosLinkDbContext> contexts, IOptions<BackupOptions> options,
    IHostEnvironment environment, TimeProvider time)
{
    private const string Prefix = "poslink-";

    public bool Supported => ledger.Provider == DatabaseProvider.Sqlite;

    public int Keep => options.Value.Keep;

    public string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Folder));

    /// <summary>Takes a copy now; returns it. Older copies beyond the kept number are deleted.</summary>
    public async Task<LedgerCopy> BackUpAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!Supported)
        {
            throw new InvalidOperationException("PosLink copies the embedded SQLite ledger only; back up PostgreSQL with pg_dump or point-in-time recovery (README, Backups).");
        }
        Directory.CreateDirectory(Folder);
        var takenAt = time.GetUtcNow();
        var name = Prefix + ChinaTime.ToChina(takenAt).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".db";
        var path = Path.Combine(Folder, name);
        var partial = path + ".partial";
        File.Delete(partial);
        await using (var connection = new SqliteConnection(ledger.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path";
            vacuum.Parameters.AddWithValue("$path", partial);
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }
        // The mark goes into the copy alone: the live ledger never carries it.
        var copy = DomainServiceCollectionExtensions.LedgerContextsFor(new PosLinkConnection($"Data Source={partial};Pooling=False"));
        await using (var db = await copy.CreateDbContextAsync(cancellationToken))
        {
            db.AuditEntries.Add(RestoredLedger.Mark(takenAt));
            await db.SaveChangesAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=DELETE", cancellationToken);
        }
        File.Move(partial, path, overwrite: true);

        var kept = Copies();
        foreach (var old in kept.Skip(Math.Max(1, options.Value.Keep)))
        {
            File.Delete(Path.Combine(Folder, old.FileName));
        }
        var made = new LedgerCopy(name, new FileInfo(path).Length, takenAt);
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.LedgerBackup, "Ledger", name, null, new { made.Bytes, Folder }, takenAt));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return made;
    }

    /// <summary>The copies in the folder, newest first.</summary>
    public IReadOnlyList<LedgerCopy> Copies()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }
        return Directory.EnumerateFiles(Folder, Prefix + "*.db")
            .Select(f => new FileInfo(f))
            .Select(f => new LedgerCopy(f.Name, f.Length, TakenAt(f)))
            .OrderByDescending(c => c.FileName, StringComparer.Ordinal)
            .ToList();
    }

    private static DateTimeOffset TakenAt(FileInfo file) =>
        DateTime.TryParseExact(file.Name[Prefix.Length..^3], "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var china)
            ? new DateTimeOffset(china, ChinaTime.Offset)
            : file.LastWriteTimeUtc;
}
