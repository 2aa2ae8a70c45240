namespace PosLink.Web.Sandbox;

/// <summary>An answer other than 00, raised where a rule fails and turned into <c>errCode</c>/<c>errInfo</c> at the endpoint.</summary>
public sealed class SandboxRejectionException(string errCode, string errInfo) : Exception(errInfo)
{
    public string ErrCode { get; } = errCode;
    public string ErrInfo { get; } = errInfo;

    /// <summary>9001 参数校验失败, naming the field and the rule.</summary>
    public static SandboxRejectionException Field(string field, string rule) => new("9001", $"{field}{rule}");
}
