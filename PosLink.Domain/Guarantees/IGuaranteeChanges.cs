namespace PosLink.Domain.Guarantees;

/// <summary>A hold, a terminal or a bulk run changed: pages showing it refresh themselves.</summary>
public sealed record GuaranteeChanged(long? GuaranteeId, int StoreId, GuaranteeStatus? Status, int? TerminalId = null, long? BulkRunId = null);

/// <summary>
/// Where the domain announces changes after they are saved. The web app fans them out to open pages; elsewhere
/// nobody listens. Announcing is best effort: the database stays the truth, and pages also reload on demand.
/// </summary>
public interface IGuaranteeChanges
{
    void Publish(GuaranteeChanged change);
}

public sealed class NoGuaranteeChanges : IGuaranteeChanges
{
    public void Publish(GuaranteeChanged change)
    {
    }
}
