using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Jobs;

namespace PosLink.Tests.Jobs;

public sealed class JobDashboardTests : IAsyncLifetime
{
    private readonly PosLinkAppFactory _app = new PosLinkAppFactory().WithTestSignIn();
    private Uri _address = default!;

    public Task InitializeAsync()
    {
        _address = _app.StartOnKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string? role, string path = "admin/jobs")
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_address, path));
        if (role is not null)
        {
            request.Headers.Add(TestSignIn.RoleHeader, role);
        }
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Admin_SeesTheDashboard()
    {
        using var response = await GetAsync(StaffRole.Admin);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        // Hangfire's own Chinese, with the request culture (zh-CN by default).
        Assert.Contains("仪表盘", html, StringComparison.Ordinal);
        using var recurring = await GetAsync(StaffRole.Admin, "admin/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);
    }

    [Fact]
    public async Task TheSweepsFigures_AreTheSameOnTheJobDashboard_AndInMetrics()
    {
        var sweep = _app.Services.GetRequiredService<StatusSweepJob>();
        await sweep.RunAsync(CancellationToken.None);
        await sweep.RunAsync(CancellationToken.None);
        var figures = _app.Services.GetRequiredService<SweepFigures>().Now();
        Assert.Equal(2, figures.Runs);

        using var jobs = await GetAsync(StaffRole.Admin);
        var hangfire = await jobs.Content.ReadAsStringAsync();
        Assert.Matches("data-metric=\"poslink-sweep-runs\">\\s*状态查询巡检 2 次\\s*<", hangfire);

        using var http = new HttpClient { BaseAddress = _address };
        Assert.Matches("poslink_sweep_runs_total\\{[^}]*outcome=\"ran\"\\} 2", await http.GetStringAsync("metrics"));
    }

    [Theory]
    [InlineData(StaffRole.StoreManager)]
    [InlineData(StaffRole.Finance)]
    public async Task OtherRoles_AreSentToTheAppsForbiddenPage(string role)
    {
        using var response = await GetAsync(role);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/forbidden", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using var forbidden = await GetAsync(role, response.Headers.Location.PathAndQuery.TrimStart('/'));
        Assert.Contains("无权访问", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin/jobs")]
    [InlineData("admin/jobs/recurring")]
    [InlineData("admin/jobs/js1825")]
    public async Task Anonymous_IsSentToSignIn(string path)
    {
        using var response = await GetAsync(null, path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
