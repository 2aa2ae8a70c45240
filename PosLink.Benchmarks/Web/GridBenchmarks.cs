using System.Globalization;
using BenchmarkDotNet.Attributes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using PosLink.Domain.Guarantees;
using PosLink.Web.Components.Pages.Guarantees;

namespace PosLink.Benchmarks.Web;

/// <summary>
/// B8: the holds grid with 50 rows (<see cref="HoldsTable"/>: status, ages, actions per row) rendered by bUnit,
/// against a plain HTML table of the same columns with nothing but text in its cells.
/// </summary>
[Config(typeof(QueryConfig))]
public class GridBenchmarks : IDisposable
{
    private BunitContext _context = default!;
    private List<GuaranteeRow> _rows = default!;
    private DateTimeOffset _now;

    /// <summary>
    /// Both sides are checked once, before measuring, to render every row (so neither measures rendering nothing).
    /// The measure is then the render alone: reading the markup back would time bUnit's HTML parser, which a circuit
    /// never runs, and which grows with the markup (the grid's is 5× the plain table's, with its links and buttons).
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        _context = new BunitContext();
        _now = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
        var statuses = new[] { GuaranteeStatus.Held, GuaranteeStatus.Held, GuaranteeStatus.Completing, GuaranteeStatus.Completed, GuaranteeStatus.Held };
        _rows = Enumerable.Range(1, 50).Select(i => new GuaranteeRow(i, statuses[i % statuses.Length], 1, "静安店", "JA000001", 100_00 * i,
            statuses[i % statuses.Length] is GuaranteeStatus.Completed or GuaranteeStatus.Completing ? 50_00 * i : null, 0, 0, $"PL{i:D10}", $"3301{i:D12}", $"{i:D6}", $"{i:D6}",
            "1345****6789", _now.AddDays(-(i % 30)), _now.AddDays(30 - (i % 30)), i % 17 == 0, "静安经理", null, false)).ToList();
        Check(RenderGrid());
        Check(RenderPlain());
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _context.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public int HoldsGrid() => Done(RenderGrid());

    [Benchmark(Baseline = true)]
    public int PlainTable() => Done(RenderPlain());

    private IRenderedComponent<HoldsTable> RenderGrid() =>
        _context.Render<HoldsTable>(p => p.Add(t => t.Rows, _rows).Add(t => t.Now, _now).Add(t => t.CanAct, _ => true));

    private IRenderedComponent<PlainHoldsTable> RenderPlain() => _context.Render<PlainHoldsTable>(p => p.Add(t => t.Rows, _rows));

    private void Check<T>(IRenderedComponent<T> rendered) where T : IComponent
    {
        var rows = rendered.FindAll("tbody tr").Count;
        Done(rendered);
        if (rows != _rows.Count)
        {
            throw new InvalidOperationException($"{typeof(T).Name} rendered {rows} rows of {_rows.Count}.");
        }
    }

    /// <summary>The component removed for the next run.</summary>
    private int Done<T>(IRenderedComponent<T> rendered) where T : IComponent
    {
        _context.DisposeComponentsAsync().GetAwaiter().GetResult();
        return rendered.RenderCount;
    }
}

/// <summary>The same columns as <see cref="HoldsTable"/>, as text only: what the grid costs is measured against this.</summary>
public sealed class PlainHoldsTable : ComponentBase
{
    [Parameter]
    public IReadOnlyList<GuaranteeRow> Rows { get; set; } = [];

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "table");
        builder.OpenElement(1, "thead");
        builder.OpenElement(2, "tr");
        foreach (var heading in (string[])["商户订单号", "门店", "终端", "担保金额", "状态", "时间", "天数", ""])
        {
            builder.OpenElement(3, "th");
            builder.AddContent(4, heading);
            builder.CloseElement();
        }
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(5, "tbody");
        foreach (var row in Rows)
        {
            builder.OpenElement(6, "tr");
            foreach (var cell in (string?[])[row.MerchantOrderId, row.StoreName, row.TerminalCode, row.HeldFen.ToString(CultureInfo.InvariantCulture),
                         row.Status.ToString(), row.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), row.ExpiresAt.Day.ToString(CultureInfo.InvariantCulture), ""])
            {
                builder.OpenElement(7, "td");
                builder.AddContent(8, cell);
                builder.CloseElement();
            }
            builder.CloseElement();
        }
        builder.CloseElement();
        builder.CloseElement();
    }
}
