using PosLink.Domain.Common;

namespace PosLink.Domain.Handovers;

public static class HandoverProblems
{
    public static readonly Problem StoreNotFound = Problem.NotFound("Store");

    public static readonly Problem IncomingNotAManager = Problem.Invalid("incoming", "Problem.HandoverIncomingNotAManager");

    public static Problem EmptyShift(DateTimeOffset from, DateTimeOffset to) =>
        Problem.Invalid("to", "Problem.HandoverEmptyShift", Time.ChinaTime.ToChina(from).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            Time.ChinaTime.ToChina(to).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    public static Problem ShiftTooLong(int days) => Problem.Invalid("from", "Problem.HandoverShiftTooLong", days);
}
