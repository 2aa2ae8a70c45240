using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Exports;
using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;
using PosLink.Web.Identity;
using PosLink.Web.Resources;

namespace PosLink.Web.Exports;

/// <summary>
/// The downloads: holds (the holds page's filter, only what the user may see), settlements and reconciliation (finance
/// and admins). Each is written to the response as it is read from the database, in CSV or XLSX, and audited.
/// Links are plain <c>&lt;a download&gt;</c>, authorized like the pages they sit on.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapPosLinkExports(this IEndpointRouteBuilder endpoints)
    {
        var exports = endpoints.MapGroup(ExportQuery.Prefix);
        exports.MapGet("/guarantees.{format}", GuaranteesAsync).RequireAuthorization(Policies.Staff);
        exports.MapGet("/settlements.{format}", SettlementsAsync).RequireAuthorization(Policies.Finance);
        exports.MapGet("/reconciliation.{format}", DifferencesAsync).RequireAuthorization(Policies.Finance);
        exports.MapGet("/bulk-runs/{id:long}.{format}", BulkRunAsync).RequireAuthorization(Policies.Staff);
        exports.MapGet("/handover.{format}", HandoverAsync).RequireAuthorization(Policies.Staff);
        return endpoints;
    }

    private static Task<IResult> GuaranteesAsync(string format, HttpContext context, [FromServices] CurrentActor actors, [FromServices] GuaranteeQueries queries,
        [FromServices] IDbContextFactory<PosLinkDbContext> contexts, [FromServices] TimeProvider time) =>
        ExportAsync(new Asked(format, context, actors, contexts, time), "guarantees", "holds", L.Holds,
            ExportQuery.ParseGuarantees, ExportTables.Guarantees, (actor, f, cancel) => queries.StreamAsync(actor, f.Filter, f.Sort, cancel));

    private static Task<IResult> SettlementsAsync(string format, HttpContext context, [FromServices] CurrentActor actors, [FromServices] SettlementQueries queries,
        [FromServices] IDbContextFactory<PosLinkDbContext> contexts, [FromServices] TimeProvider time) =>
        ExportAsync(new Asked(format, context, actors, contexts, time), "settlements", "settlements", L.Settlements2,
            q => ExportQuery.ParseSettlements(q, ChinaTime.TradeDate(time.GetUtcNow())), ExportTables.Settlements, queries.StreamAsync);

    private static Task<IResult> DifferencesAsync(string format, HttpContext context, [FromServices] CurrentActor actors, [FromServices] ReconciliationQueries queries,
        [FromServices] IDbContextFactory<PosLinkDbContext> contexts, [FromServices] TimeProvider time) =>
        ExportAsync(new Asked(format, context, actors, contexts, time), "reconciliation", "differences", L.Differences2,
            ExportQuery.ParseDifferences, ExportTables.Differences, queries.StreamDifferencesAsync);

    /// <summary>A bulk run's holds with how each ended: for its starter and those who see every store, like its page.</summary>
    private static async Task<IResult> BulkRunAsync(long id, string format, HttpContext context, [FromServices] CurrentActor actors,
        [FromServices] Domain.Guarantees.Bulk.BulkQueries queries, [FromServices] IDbContextFactory<PosLinkDbContext> contexts, [FromServices] TimeProvider time)
    {
        if (await ActorAsync(context, actors) is not { } actor || Format(format) is not { } kind ||
            await queries.RunAsync(actor, id, context.RequestAborted) is not { } run)
        {
            return Results.NotFound();
        }
        await AuditAsync(contexts, actor, "bulk-run", kind, "id=" + id.ToString(CultureInfo.InvariantCulture), time);
        return Download(kind, Name($"bulk-{id}", kind, time), L.BulkRun, ExportTables.BulkItems(), run.Items.ToAsyncEnumerable(), context.RequestAborted);
    }

    /// <summary>A shift report: one row per operator and the total, for the store and range the page showed.</summary>
    private static async Task<IResult> HandoverAsync(string format, HttpContext context, [FromServices] CurrentActor actors,
        [FromServices] Domain.Handovers.HandoverService handovers, [FromServices] IDbContextFactory<PosLinkDbContext> contexts, [FromServices] TimeProvider time)
    {
        if (await ActorAsync(context, actors) is not { } actor || Format(format) is not { } kind)
        {
            return Results.NotFound();
        }
        var query = context.Request.Query;
        if (!int.TryParse(query["store"], CultureInfo.InvariantCulture, out var store))
        {
            return Refused(Problem.Invalid("store", "Problem.ExportStoreInvalid", query["store"].ToString()));
        }
        var (from, to) = (ShiftTime(query["from"]), ShiftTime(query["to"]));
        if (from is { Ok: false } || to is { Ok: false })
        {
            return Refused(Problem.Invalid(from is { Ok: false } ? "from" : "to", "Problem.ExportShiftTimeInvalid", (from is { Ok: false } ? query["from"] : query["to"]).ToString()));
        }
        var report = await handovers.ReportAsync(actor, store, from?.At, to?.At, context.RequestAborted);
        if (!report.Succeeded)
        {
            return report.Problem.Code == "not-found" ? Results.NotFound() : Refused(report.Problem);
        }
        await AuditAsync(contexts, actor, "handover", kind, context.Request.QueryString.Value, time);
        var rows = report.Value.Operators.Append(report.Value.Total with { Name = L.Total });
        return Download(kind, Name("handover", kind, time), L.Handover, ExportTables.Handover(), rows.ToAsyncEnumerable(), context.RequestAborted);
    }

    /// <summary>A shift time in the address (China time, as the page's fields give it); absent is "not chosen".</summary>
    private static (DateTimeOffset At, bool Ok)? ShiftTime(string? text) =>
        string.IsNullOrEmpty(text) ? null : ChinaTime.TryParseMinute(text, out var at) ? (at, true) : (default, false);

    /// <summary>One download request and what every download needs to answer it.</summary>
    private sealed record Asked(string Format, HttpContext Context, CurrentActor Actors, IDbContextFactory<PosLinkDbContext> Contexts, TimeProvider Time);

    /// <summary>
    /// What every download does: the actor resolved now (fresh rights), the format, the filter parsed strictly (a bad
    /// parameter is a 400 that names it), an audit entry, then the rows streamed as they are read.
    /// </summary>
    private static async Task<IResult> ExportAsync<TFilter, TRow>(Asked asked, string what, string fileName, string sheet,
        Func<IQueryCollection, Result<TFilter>> parse, Func<IReadOnlyList<ExportColumn<TRow>>> columns,
        Func<Actor, TFilter, CancellationToken, IAsyncEnumerable<TRow>> rows)
    {
        var context = asked.Context;
        if (await ActorAsync(context, asked.Actors) is not { } actor || Format(asked.Format) is not { } kind)
        {
            return Results.NotFound();
        }
        var parsed = parse(context.Request.Query);
        if (!parsed.Succeeded)
        {
            return Refused(parsed.Problem);
        }
        await AuditAsync(asked.Contexts, actor, what, kind, context.Request.QueryString.Value, asked.Time);
        return Download(kind, Name(fileName, kind, asked.Time), sheet, columns(), rows(actor, parsed.Value, context.RequestAborted), context.RequestAborted);
    }

    private static Task<Actor?> ActorAsync(HttpContext context, CurrentActor actors) =>
        actors.ForAsync(context.User, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);

    private static ExportFormat? Format(string format) => format switch
    {
        "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => null,
    };

    private static IResult Download<T>(ExportFormat format, string fileName, string sheet, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows,
        CancellationToken cancellationToken) =>
        Results.Stream(body => ExportWriter.WriteAsync(format, body, columns, rows, L.Say, sheet, cancellationToken), ExportWriter.ContentType(format), fileName);

    /// <summary>The parameter and the rule it breaks, as plain text in the reader's language: the caller is a link, or a script.</summary>
    private static IResult Refused(Problem problem) => Results.Text((problem.Field is { } field ? field + ": " : "") + L.Say(problem),
        "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    private static string Name(string what, ExportFormat format, TimeProvider time) =>
        $"poslink-{what}-{ChinaTime.Now(time).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.{ExportWriter.Extension(format)}";

    /// <summary>Who took which data out, with the filter they used.</summary>
    private static async Task AuditAsync(IDbContextFactory<PosLinkDbContext> contexts, Actor actor, string what, ExportFormat format, string? query, TimeProvider time)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var filter = query is { Length: > 500 } ? query[..500] : query;
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.Export, "Export", what, null, new { Format = format, Filter = filter }, time.GetUtcNow()));
        await db.SaveChangesAsync();
    }
}
