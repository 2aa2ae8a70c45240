using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PosLink.Domain.Audit;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Tests.Support;

namespace PosLink.Tests.Web;

/// <summary>One app for the export tests: 60 holds in the manager's store (a third completed), 3 in another store.</summary>
public sealed class ExportFixture : IAsyncLifetime
{
    public const int JinganHolds = 60;               // more than the holds page's 50
    public const string Formula = "=cmd|' /c calc'!A1";

    public PosLinkAppFactory App { get; } = new PosLinkAppFactory().WithTestSignIn();
    public Uri Address { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Address = App.StartOnKestrel();
        await TestStaff.CreateForTestSignInAsync(App.Services);
        var admin = Actor.For("setup", "setup", [StaffRole.Admin], []);
        var terminals = App.Services.GetRequiredService<TerminalService>();
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var jingan = await db.Stores.SingleAsync(s => s.Name == "静安店");
        var pudong = (await terminals.RegisterStoreAsync(admin, jingan.MerchantId, "浦东店")).Unwrap();
        var jinganTerminal = (await terminals.ActivateAsync(admin, (await terminals.RegisterTerminalAsync(admin, jingan.Id, "JA000001")).Unwrap().Id)).Unwrap();
        var pudongTerminal = (await terminals.ActivateAsync(admin, (await terminals.RegisterTerminalAsync(admin, pudong.Id, "PD000001")).Unwrap().Id)).Unwrap();
        var guarantees = App.Services.GetRequiredService<GuaranteeService>();
        for (var i = 0; i < JinganHolds; i++)
        {
            var remark = i == 1 ? Formula : $"房间{800 + i}";
            var hold = (await guarantees.TakeAsync(admin, new TakeHold(jinganTerminal.Id, 10_000 + i, PayMode.CodeScan, "134567890123456789", MerchantOrderId: $"JA-{i:D3}", MerchantRemark: remark))).Unwrap();
            if (i % 3 == 0)
            {
                (await guarantees.CompleteAsync(admin, hold.GuaranteeId, 10_000 + i)).Unwrap();
            }
        }
        for (var i = 0; i < 3; i++)
        {
            (await guarantees.TakeAsync(admin, new TakeHold(pudongTerminal.Id, 50_000, PayMode.CodeScan, "134567890123456789", MerchantOrderId: $"PD-{i:D3}"))).Unwrap();
        }
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The downloads over real HTTP: every matching row, only what the user may see, safe to open in a spreadsheet.</summary>
public sealed class ExportEndpointTests(ExportFixture fixture) : IClassFixture<ExportFixture>
{
    private const int JinganHolds = ExportFixture.JinganHolds;
    private const string Formula = ExportFixture.Formula;
    private readonly PosLinkAppFactory _app = fixture.App;
    private readonly Uri _address = fixture.Address;

    private async Task<HttpResponseMessage> GetAsync(string path, string? role)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_address, path.TrimStart('/')));
        if (role is not null)
        {
            request.Headers.Add(TestSignIn.RoleHeader, role);
        }
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static List<string[]> ReadCsv(byte[] body)
    {
        using var reader = CsvReader.Create(body, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ToArray());
        }
        return rows;
    }

    [Fact]
    public async Task TheHoldsCsv_HasEveryRowOfTheFilter_WithABomAndNeutralizedFormulas()
    {
        using var response = await GetAsync("/exports/guarantees.csv", StaffRole.Admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), body[..3]);
        var rows = ReadCsv(body[3..]);
        var header = rows[0];
        Assert.Equal(JinganHolds + 3 + 1, rows.Count);
        var orderIds = rows.Skip(1).Select(r => r[Array.IndexOf(header, "商户订单号")]).ToHashSet();
        Assert.Contains("JA-000", orderIds);                              // the oldest: beyond the first page of 50, newest first
        var remark = rows.Single(r => r[Array.IndexOf(header, "商户订单号")] == "JA-001")[Array.IndexOf(header, "备注")];
        Assert.Equal("'" + Formula, remark);
        var completed = rows.Single(r => r[Array.IndexOf(header, "商户订单号")] == "JA-003");
        Assert.Equal(("100.03", "10003"), (completed[Array.IndexOf(header, "完成金额（元）")], completed[Array.IndexOf(header, "完成金额（分）")]));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", completed[Array.IndexOf(header, "担保时间")]);
        Assert.DoesNotContain(rows.SelectMany(r => r), cell => cell.Contains("134567890123456789", StringComparison.Ordinal));
        // Each column once, in the reader's language: no second status column in English, discounts in yuan as well as fen.
        Assert.Equal(header.Length, header.Distinct().Count());
        Assert.DoesNotContain(rows.Skip(1).SelectMany(r => r), cell => cell is "Held" or "Completed" or "Voided");
        Assert.Contains("商户优惠（元）", header);
    }

    [Fact]
    public async Task TheXlsx_ShowsYuanWithTwoDecimals_AndTimesToTheSecond_AsNumbers()
    {
        using var xlsx = await GetAsync("/exports/guarantees.xlsx?status=Held", StaffRole.Admin);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        string Part(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
        var styles = Part("xl/styles.xml");
        Assert.Contains("formatCode=\"0.00\"", styles, StringComparison.Ordinal);
        Assert.Contains("formatCode=\"yyyy-mm-dd hh:mm:ss\"", styles, StringComparison.Ordinal);
        // The held amount of the first row is a number a sum can add, not text.
        var sheet = Part("xl/worksheets/sheet1.xml");
        Assert.Matches(@"<x:c r=""[A-Z]+2"" s=""\d+""><x:v>\d+(\.\d+)?</x:v>", sheet);
    }

    [Fact]
    public async Task TheHoldsXlsx_OpensWithTheLibrary_AndHasTheSameRowsAsTheCsv()
    {
        using var csv = await GetAsync("/exports/guarantees.csv?status=Held", StaffRole.Admin);
        using var xlsx = await GetAsync("/exports/guarantees.xlsx?status=Held", StaffRole.Admin);

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var csvRows = ReadCsv((await csv.Content.ReadAsByteArrayAsync())[3..]);
        var sheet = MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(csvRows.Count - 1, sheet.Count);
        Assert.Equal(JinganHolds - (JinganHolds / 3) + 3, sheet.Count);
        Assert.Equal(csvRows.Skip(1).Select(r => r[0]), sheet.Select(r => Convert.ToString(r["担保编号"], CultureInfo.InvariantCulture)));
        Assert.Equal("'" + Formula, sheet.Single(r => (string?)r["商户订单号"] == "JA-001")["备注"]);
    }

    [Fact]
    public async Task AStoreManagersExport_HoldsOnlyTheirStores()
    {
        using var response = await GetAsync("/exports/guarantees.csv", StaffRole.StoreManager);

        var rows = ReadCsv((await response.Content.ReadAsByteArrayAsync())[3..]);
        var stores = rows.Skip(1).Select(r => r[Array.IndexOf(rows[0], "门店")]).Distinct().ToList();
        Assert.Equal(["静安店"], stores);
        Assert.Equal(JinganHolds, rows.Count - 1);
        // Asking for the other store by id does not widen it.
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var pudong = await db.Stores.SingleAsync(s => s.Name == "浦东店");
        using var other = await GetAsync($"/exports/guarantees.csv?store={pudong.Id}", StaffRole.StoreManager);
        Assert.Single(ReadCsv((await other.Content.ReadAsByteArrayAsync())[3..]));
    }

    [Fact]
    public async Task FinanceExports_AreForFinanceAndAdmins_AndEachDownloadIsAudited()
    {
        using var anonymous = await GetAsync("/exports/settlements.csv", null);
        using var manager = await GetAsync("/exports/settlements.csv", StaffRole.StoreManager);
        using var managerDifferences = await GetAsync("/exports/reconciliation.xlsx", StaffRole.StoreManager);
        using var finance = await GetAsync("/exports/settlements.csv", StaffRole.Finance);
        using var differences = await GetAsync("/exports/reconciliation.xlsx", StaffRole.Finance);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, manager.StatusCode);
        Assert.StartsWith("/forbidden", manager.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, managerDifferences.StatusCode);
        Assert.Equal(HttpStatusCode.OK, finance.StatusCode);
        var settled = ReadCsv((await finance.Content.ReadAsByteArrayAsync())[3..]);
        Assert.Equal(JinganHolds / 3 + 1, settled.Count);
        Assert.Equal(HttpStatusCode.OK, differences.StatusCode);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var audited = await db.AuditEntries.Where(a => a.Action == AuditActions.Export && a.ActorUserId == "test-Finance").Select(a => a.ObjectId).ToListAsync();
        Assert.Equal(["reconciliation", "settlements"], audited.Order());
    }

    [Theory]
    [InlineData("/exports/guarantees.csv?status=Sideways", "status")]
    [InlineData("/exports/guarantees.csv?from=2026-02-30", "from")]
    [InlineData("/exports/settlements.xlsx?from=2026-01-01&to=2027-06-01", "to")]
    [InlineData("/exports/reconciliation.csv?kind=Imaginary", "kind")]
    public async Task ABadParameter_IsRefusedWith400_NamingIt(string path, string parameter)
    {
        using var response = await GetAsync(path, StaffRole.Admin);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(parameter, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownFormat_IsNotFound()
    {
        using var response = await GetAsync("/exports/guarantees.pdf", StaffRole.Admin);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
