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
        return endpoints;
    }

    private static async Task<IResult> GuaranteesAsync(string format, HttpContext context, [FromServices] CurrentActor actors, [FromServices] GuaranteeQueries queries,
        [FromServices] IDbContextFactory<PosLinkDbContext> contexts, [FromServices] TimeProvider time)
    {
        if (await ActorAsync(context, actors) is not { } actor || Format(format) is not { } kind)
        {
            return Results.NotFound();
        }
        var parsed = ExportQuery.ParseGuarantees(context.Request.Query);
        if (!parsed.Succeeded)
        {
            return Refused(parsed.Problem!);
        }
        var (filter, sort) = parsed.Value;
        await AuditAsync(contexts, actor, "guarantees", kind, context.Request.QueryString.Value, time);
        var english = L.IsEnglish;
        return Download(kind, Name("holds", kind, time), L.Pick("担保", "Holds"), ExportTables.Guarantees(english),
            queries.StreamAsync(actor, filter, sort, context.RequestAborted), english, context.RequestAborted);
    }

    private static async Task<IResult> SettlementsAsync(string format, HttpContext context, [FromServices] CurrentActor actors, [FromServices] SettlementQueries queries,
        [FromServices] IDbContextFactory<PosLinkDbContext> contexts, [FromServices] TimeProvider time)
    {
        if (await ActorAsync(context, actors) is not { } actor || Format(format) is not { } kind)
        {
            return Results.NotFound();
        }
        var parsed = ExportQuery.ParseSettlements(context.Request.Query, ChinaTime.TradeDate(time.GetUtcNow()));
        if (!parsed.Succeeded)
        {
            return Refused(parsed.Problem!);
        }
        await AuditAsync(contexts, actor, "settlements", kind, context.Request.QueryString.Value, time);
        var english = L.IsEnglish;
        return Download(kind, Name("settlements", kind, time), L.Pick("结算明细", "Settlements"), ExportTables.Settlements(english),
            queries.StreamAsync(actor, parsed.Value!, context.RequestAborted), english, context.RequestAborted);
    }

    private static async Task<IResult> DifferencesAsync(string format, HttpContext context, [FromServices] CurrentActor actors, [FromServices] ReconciliationQueries queries,
        [FromServices] IDbContextFactory<PosLinkDbContext> contexts, [FromServices] TimeProvider time)
    {
        if (await ActorAsync(context, actors) is not { } actor || Format(format) is not { } kind)
        {
            return Results.NotFound();
        }
        var parsed = ExportQuery.ParseDifferences(context.Request.Query);
        if (!parsed.Succeeded)
        {
            return Refused(parsed.Problem!);
        }
        await AuditAsync(contexts, actor, "reconciliation", kind, context.Request.QueryString.Value, time);
        var english = L.IsEnglish;
        return Download(kind, Name("differences", kind, time), L.Pick("对账差异", "Differences"), ExportTables.Differences(english),
            queries.StreamDifferencesAsync(actor, parsed.Value!, context.RequestAborted), english, context.RequestAborted);
    }

    private static Task<Actor?> ActorAsync(HttpContext context, CurrentActor actors) =>
        actors.ForAsync(context.User, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);

    private static ExportFormat? Format(string format) => format switch
    {
        "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => null,
    };

    private static IResult Download<T>(ExportFormat format, string fileName, string sheet, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, bool english,
        CancellationToken cancellationToken) =>
        Results.Stream(body => ExportWriter.WriteAsync(format, body, columns, rows, english, sheet, cancellationToken), ExportWriter.ContentType(format), fileName);

    /// <summary>A plain-text 400 that says which parameter is wrong and why, in the reader's language.</summary>
    /// <summary>The parameter and the rule it breaks, as plain text: the caller is a link, or a script.</summary>
    private static IResult Refused(Problem problem) => Results.Text((problem.Field is { } field ? field + ": " : "") + problem.Message(CultureInfo.CurrentUICulture),
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
