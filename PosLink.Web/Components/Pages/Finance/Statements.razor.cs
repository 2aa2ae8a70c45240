using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using PosLink.Domain.Common;
using PosLink.Domain.Finance;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;
using PosLink.Web.Components.Shared;
using PosLink.Web.Identity;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Pages.Finance;

/// <summary>
/// Upload a settlement statement: choose the file, see its header and first rows, map the columns (remembered per
/// merchant), import. The domain reads, validates and matches it; this page only asks and tells.
/// </summary>
public sealed partial class Statements : ComponentBase, IDisposable
{
    /// <summary>Cancelled when the page closes: a file still being read stops with it.</summary>
    private readonly CancellationTokenSource _closing = new();

    [Inject]
    private StatementImporter Importer { get; set; } = default!;

    [Inject]
    private ReconciliationQueries Queries { get; set; } = default!;

    [Inject]
    private TerminalQueries Terminals { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private readonly Busy _busy = new();
    private IReadOnlyList<MerchantRow> _merchants = [];
    private IReadOnlyList<StatementImportRow> _imports = [];
    private int _merchantId;
    private byte[]? _content;
    private string _fileName = "";
    private string? _fileProblem;
    private StatementPreview? _preview;
    private StatementImportResult? _result;

    private int _headerRow = 1;
    private StatementKey _keyKind;
    private string? _keyColumn;
    private string? _amountColumn;
    private AmountUnit _unit;
    private string? _dateColumn;
    private string? _feeColumn;
    private DateOnly? _settlementDate;

    protected override async Task OnInitializedAsync()
    {
        var actor = await CurrentActor.RequireAsync();
        _merchants = await Terminals.MerchantsAsync(actor);
        _merchantId = _merchants.Count > 0 ? _merchants[0].Id : 0;
        _imports = await Queries.ImportsAsync(actor);
        _settlementDate = ChinaTime.TradeDate(Clock.GetUtcNow()).AddDays(-1);
    }

    private async Task ChooseAsync(InputFileChangeEventArgs e)
    {
        (_fileProblem, _result, _preview, _content) = (null, null, null, null);
        var file = e.File;
        if (file.Size > StatementSheet.MaxBytes)
        {
            _fileProblem = L.FileTooLargeMBAt(file.Size / 1024 / 1024, StatementSheet.MaxBytes / 1024 / 1024);
            return;
        }
        await using var stream = file.OpenReadStream(StatementSheet.MaxBytes);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        (_content, _fileName) = (buffer.ToArray(), file.Name);
        _headerRow = 0;
        await PreviewAsync();
    }

    private async Task PreviewAsync()
    {
        if (_content is null)
        {
            return;
        }
        _result = null;
        Result<StatementPreview> preview;
        try
        {
            preview = await Importer.PreviewAsync(await CurrentActor.RequireAsync(), _merchantId, _fileName, _content, _headerRow > 0 ? _headerRow : null, _closing.Token);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return;
        }
        if (!preview.Succeeded)
        {
            (_fileProblem, _preview) = (L.Say(preview.Problem), null);
            return;
        }
        _fileProblem = null;
        _preview = preview.Value;
        var columns = _preview.Remembered ?? _preview.Suggested;
        (_headerRow, _keyKind, _keyColumn, _amountColumn, _unit, _dateColumn, _feeColumn) =
            (columns.HeaderRow, columns.KeyKind, NullIfEmpty(columns.KeyColumn), NullIfEmpty(columns.AmountColumn), columns.AmountUnit, columns.DateColumn, columns.FeeColumn);
    }

    /// <summary>Another merchant: the file already chosen is read again as theirs.</summary>
    private Task MerchantChosenAsync(string? merchant)
    {
        _merchantId = int.TryParse(merchant, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            && _merchants.Any(m => m.Id == id) ? id : _merchantId;
        return PreviewAsync();
    }

    private async Task ImportAsync()
    {
        if (_content is null)
        {
            return;
        }
        await _busy.RunAsync(async () =>
        {
            var actor = await CurrentActor.RequireAsync();
            var columns = new StatementColumns(_headerRow, _keyColumn ?? "", _keyKind, _amountColumn ?? "", _unit, _dateColumn, _feeColumn);
            Result<StatementImportResult> result;
            try
            {
                result = await Importer.ImportAsync(actor, new StatementUpload(_merchantId, _fileName, _content, columns, string.IsNullOrEmpty(_dateColumn) ? _settlementDate : null),
                    _closing.Token);
            }
            catch (OperationCanceledException) when (_closing.IsCancellationRequested)
            {
                return;
            }
            if (!result.Succeeded)
            {
                (_fileProblem, _result) = (L.Say(result.Problem), null);
                return;
            }
            (_fileProblem, _result) = (null, result.Value);
            _imports = await Queries.ImportsAsync(actor);
        });
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Dates(StatementImportRow import) => import.FirstDate == import.LastDate
        ? import.FirstDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : $"{import.FirstDate:yyyy-MM-dd} – {import.LastDate:yyyy-MM-dd}";

    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
    }
}
