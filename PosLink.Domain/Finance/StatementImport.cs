namespace PosLink.Domain.Finance;

/// <summary>The key a statement row is matched to a hold by.</summary>
public enum StatementKey
{
    /// <summary>银商订单号: the gateway's order id.</summary>
    OrderId,

    /// <summary>检索参考号: the completion's (or the hold's) retrieval reference number.</summary>
    RetrievalRefNum,
}

/// <summary>How a statement writes amounts.</summary>
public enum AmountUnit
{
    Yuan,
    Fen,
}

/// <summary>
/// A settlement statement imported for a merchant, recognized again by the SHA-256 of its bytes (so importing the
/// same file twice adds nothing), with its rows.
/// </summary>
public sealed class StatementImport
{
    public long Id { get; init; }
    public required int MerchantId { get; init; }
    public required string FileName { get; init; }
    public required string ContentHash { get; init; }
    public required int RowCount { get; init; }
    public required long AmountFen { get; init; }
    public long? FeeFen { get; init; }
    public required DateOnly FirstDate { get; init; }
    public required DateOnly LastDate { get; init; }
    public int MatchedCount { get; private set; }
    public int DifferenceCount { get; private set; }
    public int DatesAdopted { get; private set; }
    public required DateTimeOffset ImportedAt { get; init; }
    public required string ImportedByUserId { get; init; }
    public required string ImportedByName { get; init; }
    public List<StatementRow> Rows { get; init; } = [];

    /// <summary>What matching its rows to the merchant's holds came to.</summary>
    public void Matched(int matched, int differences, int datesAdopted) => (MatchedCount, DifferenceCount, DatesAdopted) = (matched, differences, datesAdopted);
}

/// <summary>One settled transaction as the statement lists it, and the hold it matched (if any).</summary>
public sealed class StatementRow
{
    public long Id { get; init; }
    public long ImportId { get; private set; }
    public required int MerchantId { get; init; }

    /// <summary>The row's number in the file (1 = the first line or spreadsheet row), for a person to find it.</summary>
    public required int RowNumber { get; init; }
    public required StatementKey KeyKind { get; init; }
    public required string Key { get; init; }
    public required long AmountFen { get; init; }
    public long? FeeFen { get; init; }
    public required DateOnly SettlementDate { get; init; }
    public long? GuaranteeId { get; private set; }

    /// <summary>The row belongs to the import saved under <paramref name="importId"/>.</summary>
    public void Of(long importId) => ImportId = importId;

    /// <summary>The row is this hold's settlement.</summary>
    public void MatchedTo(long guaranteeId) => GuaranteeId = guaranteeId;
}

/// <summary>
/// How a merchant's statement files read: which row holds the column names, and which columns hold the key, the
/// amount, the settlement date and the fee. Chosen once on the first import and remembered for the next.
/// </summary>
public sealed class StatementMapping
{
    public required int MerchantId { get; init; }
    public int HeaderRow { get; private set; } = 1;
    public string KeyColumn { get; private set; } = "";
    public StatementKey KeyKind { get; private set; }
    public string AmountColumn { get; private set; } = "";
    public AmountUnit AmountUnit { get; private set; }
    public string? DateColumn { get; private set; }
    public string? FeeColumn { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    /// <summary>The columns a person chose for this merchant's statements, to be offered next time.</summary>
    public void Remember(StatementColumns columns, string byName, DateTimeOffset now)
    {
        (HeaderRow, KeyColumn, KeyKind, AmountColumn, AmountUnit, DateColumn, FeeColumn) =
            (columns.HeaderRow, columns.KeyColumn.Trim(), columns.KeyKind, columns.AmountColumn.Trim(), columns.AmountUnit, NullIfBlank(columns.DateColumn), NullIfBlank(columns.FeeColumn));
        (UpdatedAt, UpdatedByName) = (now, byName);

        static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
