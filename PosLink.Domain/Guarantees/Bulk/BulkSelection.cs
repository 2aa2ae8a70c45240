namespace PosLink.Domain.Guarantees.Bulk;

/// <summary>
/// What a selection comes to on the server: the held holds in it the actor may act on, their count and total, and
/// how many of the ids given were left out (not held any more, another store's, or no hold at all).
/// </summary>
public sealed record BulkSelection(IReadOnlyList<long> GuaranteeIds, long TotalFen, int LeftOut)
{
    /// <summary>The run recorded for it, once started.</summary>
    public long? RunId { get; init; }

    public int Count => GuaranteeIds.Count;
}

/// <summary>The holds "select all that match" found, and whether more matched than the limit lets one select.</summary>
public sealed record BulkMatches(IReadOnlyList<long> GuaranteeIds, bool MoreThanLimit);
