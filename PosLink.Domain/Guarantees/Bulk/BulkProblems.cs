using PosLink.Domain.Common;

namespace PosLink.Domain.Guarantees.Bulk;

public static class BulkProblems
{
    public static readonly Problem NothingSelected = Problem.Invalid("selection", "Problem.BulkNothingSelected");

    public static Problem TooMany(int limit, int count) => Problem.Invalid("selection", "Problem.BulkTooMany", limit, count);

    /// <summary>None of the ids is a held hold the actor may act on: said the same whether they exist or not.</summary>
    public static readonly Problem NoneHeld = Problem.Invalid("selection", "Problem.BulkNoneHeld");

    public static readonly Problem RunNotFound = Problem.NotFound("BulkRun");

    /// <summary>Why a queued item was not sent: the person who started the run can no longer act (disabled, or the store taken away).</summary>
    public static readonly Text.Phrase StarterCannotAct = new("Problem.BulkStarterCannotAct");
}
