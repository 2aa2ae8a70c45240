namespace PosLink.Domain.Finance;

/// <summary>
/// One check of a settlement date against the gateway: who started it, when it finished, and what it found. At most
/// one run per date is unfinished at a time (a unique index), so the nightly job and a person cannot run it twice at once.
/// </summary>
public sealed class ReconciliationRun
{
    public long Id { get; init; }
    public required DateOnly SettlementDate { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required string StartedByName { get; init; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Holds asked about.</summary>
    public int Checked { get; private set; }

    /// <summary>Holds the gateway agreed on.</summary>
    public int Agreed { get; private set; }

    /// <summary>Holds found apart (open differences from this run).</summary>
    public int Differences { get; private set; }

    /// <summary>Holds that could not be checked (no answer, an unclear one, no order id, or a change while asking): the day is not clean.</summary>
    public int Unchecked { get; private set; }

    /// <summary>Given up: the process running it stopped before it finished.</summary>
    public bool Abandoned { get; private set; }

    public void Finish(int checkedCount, int agreed, int differences, int notChecked, DateTimeOffset now)
    {
        (Checked, Agreed, Differences, Unchecked, FinishedAt) = (checkedCount, agreed, differences, notChecked, now);
    }

    public void Abandon(DateTimeOffset now)
    {
        Abandoned = true;
        FinishedAt = now;
    }
}
