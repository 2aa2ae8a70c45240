using System.Linq.Expressions;
using PosLink.Domain.Common;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// The money of one hold in the app's one vocabulary (DESIGN §9), in fen, each figure defined once here. Pages, totals,
/// exports and reports take their figures from it, in C# (<see cref="Of(Guarantee)"/>) or in a query (the formulas, inlined by
/// <see cref="Formulas.WithFormulas{T}"/>), so no two places can compute money differently.
/// </summary>
/// <param name="HeldFen">What was asked to hold.</param>
/// <param name="CompletedFen">What was captured: only a Completed hold has it; nothing is completed while a completion is in flight.</param>
/// <param name="ReleasedFen">What went back to the customer: the rest of a partial completion, or all of a voided or expired hold; none while open.</param>
/// <param name="MerchantDiscountFen">The discount the merchant funded, on a completion; none before one.</param>
/// <param name="OtherDiscountFen">The discount others funded, on a completion; none before one.</param>
/// <param name="PaidFen">What the customer paid: completed less both discounts, never below zero; nothing before a completion.</param>
public readonly record struct HoldFigures(long HeldFen, long? CompletedFen, long? ReleasedFen, long? MerchantDiscountFen, long? OtherDiscountFen, long? PaidFen)
{
    public static HoldFigures Of(GuaranteeStatus status, long heldFen, long? completedFen, long merchantDiscountFen, long otherDiscountFen) =>
        new(heldFen, Completed(status, completedFen), Released(status, heldFen, completedFen), Discount(status, merchantDiscountFen),
            Discount(status, otherDiscountFen), Paid(status, completedFen, merchantDiscountFen, otherDiscountFen));

    public static HoldFigures Of(Guarantee g) => Of(g.Status, g.HeldFen, g.CompletedFen, g.MerchantDiscountFen, g.OtherDiscountFen);

    private static readonly Expression<Func<GuaranteeStatus, long?, long?>> CompletedFormula =
        (status, completed) => status == GuaranteeStatus.Completed ? completed : null;

    private static readonly Expression<Func<GuaranteeStatus, long, long?, long?>> ReleasedFormula =
        (status, held, completed) => status == GuaranteeStatus.Completed ? held - (completed ?? 0)
            : status == GuaranteeStatus.Voided || status == GuaranteeStatus.Expired ? held
            : null;

    private static readonly Expression<Func<GuaranteeStatus, long, long?>> DiscountFormula =
        (status, discount) => status == GuaranteeStatus.Completed ? discount : null;

    private static readonly Expression<Func<GuaranteeStatus, long?, long, long, long?>> PaidFormula =
        (status, completed, merchant, other) => status == GuaranteeStatus.Completed
            ? ((completed ?? 0) - merchant - other > 0 ? (completed ?? 0) - merchant - other : 0)
            : null;

    private static readonly Func<GuaranteeStatus, long?, long?> CompletedCompiled = CompletedFormula.Compile();
    private static readonly Func<GuaranteeStatus, long, long?, long?> ReleasedCompiled = ReleasedFormula.Compile();
    private static readonly Func<GuaranteeStatus, long, long?> DiscountCompiled = DiscountFormula.Compile();
    private static readonly Func<GuaranteeStatus, long?, long, long, long?> PaidCompiled = PaidFormula.Compile();

    [Formula(nameof(CompletedFormula))]
    public static long? Completed(GuaranteeStatus status, long? completedFen) => CompletedCompiled(status, completedFen);

    [Formula(nameof(ReleasedFormula))]
    public static long? Released(GuaranteeStatus status, long heldFen, long? completedFen) => ReleasedCompiled(status, heldFen, completedFen);

    [Formula(nameof(DiscountFormula))]
    public static long? Discount(GuaranteeStatus status, long discountFen) => DiscountCompiled(status, discountFen);

    [Formula(nameof(PaidFormula))]
    public static long? Paid(GuaranteeStatus status, long? completedFen, long merchantDiscountFen, long otherDiscountFen) =>
        PaidCompiled(status, completedFen, merchantDiscountFen, otherDiscountFen);
}
