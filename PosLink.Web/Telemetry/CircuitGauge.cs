using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using PosLink.Domain.Telemetry;

namespace PosLink.Web.Telemetry;

/// <summary>Open Blazor circuits on this node (one per open tab, kept a while after it closes): what a node's memory grows with.</summary>
public sealed class CircuitGauge
{
    private long _open;

    public CircuitGauge(IMeterFactory meters) =>
        meters.Create(PosLinkTelemetry.Name).CreateObservableGauge("poslink.circuits.open", () => Interlocked.Read(ref _open), "{circuit}",
            "Open Blazor circuits on this node (each open tab holds one).");

    public long Open => Interlocked.Read(ref _open);

    /// <summary>Counts circuits as they open and close; one per circuit, so scoped.</summary>
    public sealed class Handler(CircuitGauge gauge) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref gauge._open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref gauge._open);
            return Task.CompletedTask;
        }
    }
}
