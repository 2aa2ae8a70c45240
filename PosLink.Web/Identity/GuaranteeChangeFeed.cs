using PosLink.Domain.Guarantees;

namespace PosLink.Web.Identity;

/// <summary>
/// Fans domain changes out to the open pages of this process, so a hold settled by a job or by another manager
/// updates on screen without a reload. Pages re-read through the domain, which re-applies authorization.
/// </summary>
public sealed class GuaranteeChangeFeed : IGuaranteeChanges
{
    public event Action<GuaranteeChanged>? Changed;

    public void Publish(GuaranteeChanged change) => Changed?.Invoke(change);
}
