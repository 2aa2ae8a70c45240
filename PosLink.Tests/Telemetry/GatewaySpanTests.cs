using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Tests.Support;

namespace PosLink.Tests.Telemetry;

/// <summary>A gateway call is a span under the action that caused it, with what identifies it and nothing secret.</summary>
public sealed class GatewaySpanTests : IAsyncLifetime
{
    private const string PayCode = "134567890123456789";
    private static readonly Actor Admin = Actor.For("admin", "管理员", [StaffRole.Admin], []);
    private readonly List<Activity> _spans = [];
    private readonly PosLinkAppFactory _app;

    public GatewaySpanTests() =>
        _app = new PosLinkAppFactory().WithServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)));

    private T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public Task InitializeAsync()
    {
        _app.StartOnKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TakingAHold_IsAnActionSpan_WithTheGatewayCallUnderIt_AndItsLogLinesCarryTheTraceId()
    {
        var terminals = Get<TerminalService>();
        var merchant = (await terminals.RegisterMerchantAsync(Admin, "898310148160568", "上海示例酒店")).Unwrap();
        var store = (await terminals.RegisterStoreAsync(Admin, merchant.Id, "静安店")).Unwrap();
        var terminal = (await terminals.RegisterTerminalAsync(Admin, store.Id, "JA000001")).Unwrap();
        await terminals.ActivateAsync(Admin, terminal.Id);

        // Spans of every host in this process reach every exporter: this test's own are those of its own trace.
        using var test = new Activity("test") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.Start();
        var held = (await Get<GuaranteeService>().TakeAsync(Admin, new TakeHold(terminal.Id, 12_345, PayMode.CodeScan, PayCode))).Unwrap();
        Assert.Equal(GuaranteeStatus.Held, held.Status);
        test.Stop();

        List<Activity> mine;
        lock (_spans)
        {
            mine = _spans.Where(s => s.TraceId == test.TraceId).ToList();
        }
        var action = Assert.Single(mine, s => s.DisplayName == "hold take");
        var call = Assert.Single(mine, s => s.DisplayName == "gateway Preauthorize");
        Assert.Equal(action.SpanId, call.ParentSpanId);
        Assert.Equal(ActivityKind.Client, call.Kind);
        var tags = call.TagObjects.ToDictionary(t => t.Key, t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Preauthorize", tags["poslink.gateway.endpoint"]);
        Assert.Matches("^[0-9]{6}$", tags["poslink.system_trace_num"]);
        Assert.Equal("00", tags["poslink.gateway.err_code"]);

        // Nothing secret in any span of the trace: not the pay code, the AppKey, or the signature.
        var appKey = Get<IOptions<GatewayOptions>>().Value.AppKey!;
        var everything = string.Join('\n', mine.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")).Concat(mine.Select(s => s.DisplayName)));
        Assert.DoesNotContain(PayCode, everything);
        Assert.DoesNotContain(appKey, everything);
        Assert.DoesNotContain("OPEN-BODY-SIG", everything);

        // The client's log line of that call carries the call's trace id.
        Assert.Contains(_app.Logs.Entries, e => e.Contains("PosLinkGatewayClient", StringComparison.Ordinal) &&
                                               e.Contains("Preauthorize", StringComparison.Ordinal) &&
                                               e.Contains("TraceId:" + call.TraceId, StringComparison.Ordinal));
    }
}
