using System.Diagnostics.Metrics;
using PosLink.Domain.Audit;
using PosLink.Domain.Telemetry;

namespace PosLink.Web.Identity;

/// <summary>Failed sign-ins as a rate an operator can alert on (password guessing shows here before the audit page is read).</summary>
public sealed class SignInMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _failures = meters.Create(PosLinkTelemetry.Name)
        .CreateCounter<long>("poslink.signin.failures", "{attempt}", "Failed sign-ins (a wrong password or code, or a locked, disabled or protected account), and lockouts.");

    public void Recorded(string auditAction)
    {
        if (auditAction is AuditActions.SignInFailed or AuditActions.SignInLockedOut)
        {
            _failures.Add(1, new KeyValuePair<string, object?>("kind", auditAction == AuditActions.SignInLockedOut ? "lockout" : "failure"));
        }
    }
}
