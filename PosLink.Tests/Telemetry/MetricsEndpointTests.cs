using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Audit;
using PosLink.Tests.Support;
using PosLink.Web.Data;
using PosLink.Web.Identity;

namespace PosLink.Tests.Telemetry;

/// <summary><c>/metrics</c>: PosLink's figures for Prometheus, for this machine and the addresses a setting names only.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task AfterADemoStart_ThisMachineReadsTheNamedMetrics_AndAProxiedRequestIsRefused()
    {
        await using var app = new PosLinkAppFactory().With("PosLink:Demo:Seed", "true");
        var address = app.StartOnKestrel();
        await app.Services.GetRequiredService<DemoData>().Completion.WaitAsync(TimeSpan.FromSeconds(60));
        await app.Services.GetRequiredService<SignInAudit>().RecordAsync(AuditActions.SignInFailed, null, "203.0.113.9");
        using var http = new HttpClient { BaseAddress = address };

        var text = await http.GetStringAsync("/metrics");

        foreach (var metric in new[]
                 {
                     "poslink_gateway_requests_total{", "poslink_gateway_request_duration_seconds_bucket{", "poslink_holds{",
                     "poslink_trace_numbers_used_today{", "poslink_sweep_lateness_seconds{", "poslink_circuits_open{", "poslink_signin_failures_total{",
                 })
        {
            Assert.Contains(metric, text);
        }
        // The demo's holds by store and status, and its takes by endpoint and errCode.
        Assert.Matches("poslink_holds\\{[^}]*status=\"Held\"[^}]*store=\"静安店\"[^}]*\\} [1-9]", text);
        Assert.Matches("poslink_gateway_requests_total\\{[^}]*endpoint=\"Preauthorize\",err_code=\"00\"\\} [1-9]", text);

        // Through a proxy this app does not trust, loopback is the proxy's address, not the client's; any spelling of the path.
        foreach (var path in new[] { "/metrics", "/metrics/", "/METRICS" })
        {
            using var proxied = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "X-Forwarded-For", "203.0.113.9" } } };
            using var refused = await http.SendAsync(proxied);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.DoesNotContain("poslink_", await refused.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("10.0.0.5", HttpStatusCode.OK)]
    [InlineData("10.0.1.5", HttpStatusCode.NotFound)]
    [InlineData("203.0.113.9", HttpStatusCode.NotFound)]
    public async Task OtherAddresses_AreRefused_UnlessTheSettingNamesThem(string client, HttpStatusCode expected)
    {
        await using var app = new PosLinkAppFactory().With("PosLink:Telemetry:MetricsAllowedClients:0", "10.0.0.0/24");
        _ = app.Server;

        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = IPAddress.Parse(client);
        });

        Assert.Equal((int)expected, context.Response.StatusCode);
    }
}
