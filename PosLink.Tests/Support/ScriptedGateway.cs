using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Time;

namespace PosLink.Tests.Support;

/// <summary>
/// An in-memory ChinaUMS for domain tests: it keeps holds like the platform does and answers each request,
/// unless a script for that endpoint says otherwise. A script decides separately whether the platform
/// performs the request and what (if anything) comes back, so a test can make "done, but the answer was
/// lost" and "never arrived" distinct. Every request is counted.
/// </summary>
public sealed class ScriptedGateway(TimeProvider time) : IPosLinkGateway
{
    /// <summary>What happens to the next request to an endpoint.</summary>
    /// <param name="Performs">Whether the platform carries it out.</param>
    /// <param name="Unanswered">No usable answer, for this reason.</param>
    /// <param name="ErrCode">Answer with this code instead of the natural one.</param>
    /// <param name="AutoQuery">Answer 00 with autoQueryFlag Y; the hold waits for the buyer until <see cref="ReleaseBuyer"/>.</param>
    /// <param name="Hang">Never answer (the process is "killed" mid-request).</param>
    /// <param name="AnswerAfter">The platform acts (or reads) at once, but its answer arrives only when this completes: a late answer.</param>
    /// <param name="PlatformSkew">The platform's clock is this far from ours when it dates the hold (a request near midnight).</param>
    /// <param name="PerformsWhen">The platform carries the request out only when this completes, after our side has given up on it
    /// (a request the platform books late); its answer, if any, is what <paramref name="Unanswered"/> says.</param>
    public sealed record Script(bool Performs = true, UnansweredReason? Unanswered = null, string? ErrCode = null, bool AutoQuery = false, bool Hang = false,
        Task? AnswerAfter = null, TimeSpan PlatformSkew = default, Task? PerformsWhen = null);

    /// <summary>Answer "not found" as the spec shapes it (errCode 00, queryResCode non-zero) instead of 25.</summary>
    public bool NotFoundAsQueryResCode { get; set; }

    private sealed class Hold
    {
        public required string OrderId { get; set; }
        public required string MerchantCode { get; init; }
        public required string TerminalCode { get; init; }
        public required string Trace { get; init; }
        public required DateTimeOffset At { get; init; }
        public required string AuthorizationCode { get; init; }
        public required long Amount { get; init; }
        public required string PayCodeMasked { get; init; }
        public SecureStatus Status { get; set; }
        public bool WaitingForBuyer { get; set; }
        public long? CompletedAmount { get; set; }
        public long? MerchantDiscount { get; set; }
        public long? OtherDiscount { get; set; }
    }

    private (long Merchant, long Other)? _nextDiscounts;

    /// <summary>Completions and voids after the platform's daily cut-off settle on a later day (结算日期 ahead of the trade date).</summary>
    public int SettlementDaysAhead { get; set; }

    /// <summary>The next hold is covered partly by third-party discounts (商户出资 / 其他出资), as the platform reports them.</summary>
    public void DiscountNextHold(long merchantFen, long otherFen) => _nextDiscounts = (merchantFen, otherFen);

    /// <summary>The platform now reports other discounts for the order than its 担保's answer gave.</summary>
    public void ChangeDiscounts(string orderId, long merchantFen, long otherFen)
    {
        lock (_lock)
        {
            var hold = _holds.Single(h => h.OrderId == orderId);
            (hold.MerchantDiscount, hold.OtherDiscount) = (merchantFen, otherFen);
        }
    }

    /// <summary>The platform no longer knows the order (a record lost on its side).</summary>
    public void Forget(string orderId)
    {
        lock (_lock)
        {
            _holds.RemoveAll(h => h.OrderId == orderId);
        }
    }

    /// <summary>The platform records another completed amount for the order than PosLink did.</summary>
    public void ChangeCompletedAmount(string orderId, long amount)
    {
        lock (_lock)
        {
            _holds.Single(h => h.OrderId == orderId).CompletedAmount = amount;
        }
    }

    private readonly object _lock = new();
    private readonly List<Hold> _holds = [];
    private readonly ConcurrentDictionary<GatewayEndpoint, ConcurrentQueue<Script>> _scripts = new();

    public ConcurrentQueue<(GatewayEndpoint Endpoint, IGatewayRequest Request)> Requests { get; } = new();

    public int Count(GatewayEndpoint endpoint) => Requests.Count(r => r.Endpoint == endpoint);

    public int MoneyMovingCount => Requests.Count(r => GatewayPaths.MovesMoney(r.Endpoint));

    /// <summary>Requests as (endpoint, trace) pairs, in order.</summary>
    public IReadOnlyList<(GatewayEndpoint Endpoint, string Trace)> Sent => Requests.Select(r => (r.Endpoint, r.Request.SystemTraceNum)).ToList();

    public ScriptedGateway Next(GatewayEndpoint endpoint, Script script)
    {
        _scripts.GetOrAdd(endpoint, _ => new ConcurrentQueue<Script>()).Enqueue(script);
        return this;
    }

    /// <summary>The platform's view of a hold, as a query would report it.</summary>
    public SecureStatus? StatusOf(string orderId)
    {
        lock (_lock)
        {
            return _holds.SingleOrDefault(h => h.OrderId == orderId)?.Status;
        }
    }

    /// <summary>Something happened to the hold outside PosLink (a POS device completed it, say).</summary>
    public void SetStatus(string orderId, SecureStatus status)
    {
        lock (_lock)
        {
            _holds.Single(h => h.OrderId == orderId).Status = status;
        }
    }

    /// <summary>A POS device completed the hold (for <paramref name="amount"/>), outside PosLink.</summary>
    public void CompleteElsewhere(string orderId, long amount)
    {
        lock (_lock)
        {
            var hold = _holds.Single(h => h.OrderId == orderId);
            hold.Status = SecureStatus.Completed;
            hold.CompletedAmount = amount;
        }
    }

    /// <summary>The platform's record of the hold with <paramref name="trace"/> now carries another order id (a corrupt or colliding record).</summary>
    public void ChangeOrderId(string trace, string orderId)
    {
        lock (_lock)
        {
            _holds.Last(h => h.Trace == trace).OrderId = orderId;
        }
    }

    /// <summary>The customer paid (or the wait ended): a hold waiting for the buyer becomes <paramref name="status"/>.</summary>
    public void ReleaseBuyer(SecureStatus status = SecureStatus.Held)
    {
        lock (_lock)
        {
            foreach (var hold in _holds.Where(h => h.WaitingForBuyer))
            {
                hold.WaitingForBuyer = false;
                hold.Status = status;
            }
        }
    }

    /// <summary>A hold taken outside PosLink (on a POS device): the platform knows it, PosLink does not.</summary>
    public string HoldTakenElsewhere(string merchantCode, string terminalCode, string trace, long amount, string payCode)
    {
        var now = time.GetUtcNow();
        var hold = new Hold
        {
            OrderId = "POS" + ChinaTime.ToChina(now).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + trace,
            MerchantCode = merchantCode,
            TerminalCode = terminalCode,
            Trace = trace,
            At = now,
            AuthorizationCode = "654321",
            Amount = amount,
            PayCodeMasked = PayCodeMask.Mask(payCode),
            Status = SecureStatus.Held,
        };
        lock (_lock)
        {
            _holds.Add(hold);
        }
        return hold.OrderId;
    }

    public string? OrderIdByTrace(string trace)
    {
        lock (_lock)
        {
            return _holds.SingleOrDefault(h => h.Trace == trace)?.OrderId;
        }
    }

    public Task<GatewayResult<ActivateTerminalResponse>> ActivateTerminalAsync(ActivateTerminalRequest request, CancellationToken cancellationToken = default) =>
        HandleAsync(GatewayEndpoint.ActivateTerminal, request, () => new ActivateTerminalResponse { ErrCode = "00", ErrInfo = "成功" });

    public Task<GatewayResult<PreauthorizeResponse>> PreauthorizeAsync(PreauthorizeRequest request, CancellationToken cancellationToken = default)
    {
        var script = Peek(GatewayEndpoint.Preauthorize);
        return HandleAsync(GatewayEndpoint.Preauthorize, request, () =>
        {
            var now = time.GetUtcNow() + (script?.PlatformSkew ?? TimeSpan.Zero);
            var hold = new Hold
            {
                OrderId = ChinaTime.ToChina(now).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + RandomNumberGenerator.GetInt32(100_000_000).ToString("D8", CultureInfo.InvariantCulture),
                MerchantCode = request.MerchantCode,
                TerminalCode = request.TerminalCode,
                Trace = request.SystemTraceNum,
                At = now,
                AuthorizationCode = RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", CultureInfo.InvariantCulture),
                Amount = request.TransactionAmount,
                PayCodeMasked = PayCodeMask.Mask(request.PayCode),
                // A refusal leaves a failed transaction behind; an "unknown" code (96, 98, …) hides a hold that exists.
                Status = script?.ErrCode is { } code && ResponseCodes.Classify(GatewayEndpoint.Preauthorize, code) is not (ResponseCategory.Approved or ResponseCategory.Unknown)
                    ? SecureStatus.Failed
                    : SecureStatus.Held,
                WaitingForBuyer = script?.AutoQuery == true,
            };
            lock (_lock)
            {
                (hold.MerchantDiscount, hold.OtherDiscount) = _nextDiscounts is var (merchant, other) ? (merchant, other) : ((long?)null, (long?)null);
                _nextDiscounts = null;
                _holds.Add(hold);
            }
            return new PreauthorizeResponse
            {
                ErrCode = "00",
                ErrInfo = "成功",
                TransactionDate = ChinaTime.MonthDay(now),
                TransactionTime = ChinaTime.TimeOfDay(now),
                SettlementDate = ChinaTime.MonthDay(now),
                RetrievalRefNum = "R" + hold.Trace,
                AuthorizationCode = hold.AuthorizationCode,
                OrderId = hold.OrderId,
                TransactionAmount = hold.Amount,
                Amount = hold.Amount - (hold.MerchantDiscount ?? 0) - (hold.OtherDiscount ?? 0),
                ThirdPartyMerchantDiscountAmount = hold.MerchantDiscount,
                ThirdPartyOtherDiscountAmount = hold.OtherDiscount,
                ThirdPartyName = "微信支付",
            };
        });
    }

    public Task<GatewayResult<CompleteAuthorizationResponse>> CompleteAsync(CompleteAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        HandleAsync(GatewayEndpoint.CompleteAuthorization, request, () => Finalize(
            h => h.TerminalCode == request.TerminalCode && h.Trace == request.OriginalSystemTraceNum && ChinaTime.MonthDay(h.At) == request.OriginalTransactionDate && h.AuthorizationCode == request.AuthorizationCode,
            request.TransactionAmount, complete: true, () => new CompleteAuthorizationResponse()));

    public Task<GatewayResult<VoidAuthorizationResponse>> VoidAsync(VoidAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        HandleAsync(GatewayEndpoint.VoidAuthorization, request, () => Finalize(
            h => h.TerminalCode == request.TerminalCode && h.Trace == request.OriginalSystemTraceNum && ChinaTime.MonthDay(h.At) == request.OriginalTransactionDate && h.AuthorizationCode == request.AuthorizationCode,
            request.TransactionAmount, complete: false, () => new VoidAuthorizationResponse()));

    public Task<GatewayResult<QuickCompleteAuthorizationResponse>> QuickCompleteAsync(QuickCompleteAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        HandleAsync(GatewayEndpoint.QuickCompleteAuthorization, request, () => Finalize(h => h.OrderId == request.OrderId, request.TransactionAmount, complete: true, () => new QuickCompleteAuthorizationResponse()));

    public Task<GatewayResult<QuickVoidAuthorizationResponse>> QuickVoidAsync(QuickVoidAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        HandleAsync(GatewayEndpoint.QuickVoidAuthorization, request, () => Finalize(h => h.OrderId == request.OrderId, request.TransactionAmount, complete: false, () => new QuickVoidAuthorizationResponse()));

    public Task<GatewayResult<QueryBySystemTraceNumResponse>> QueryBySystemTraceNumAsync(QueryBySystemTraceNumRequest request, CancellationToken cancellationToken = default) =>
        HandleAsync(GatewayEndpoint.QueryBySystemTraceNum, request, () => Describe(FindForQuery(request.TerminalCode, null, request.OriginalSystemTraceNum), new QueryBySystemTraceNumResponse()));

    public Task<GatewayResult<QueryResponse>> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default) =>
        HandleAsync(GatewayEndpoint.Query, request, () =>
        {
            var hold = FindForQuery(request.TerminalCode, request.OriginalOrderId, request.OriginalSystemTraceNum);
            var answer = Describe(hold, new QueryResponse());
            if (hold is null)
            {
                return answer;
            }
            return hold.WaitingForBuyer
                ? answer with { AutoQueryFlag = "Y", Status = "WAIT_BUYER_PAY" }
                : answer with { SecureStatus = (int)hold.Status, Status = hold.Status is SecureStatus.Voided or SecureStatus.Failed ? "TRADE_CLOSED" : "TRADE_SUCCESS" };
        });

    private TResponse Finalize<TResponse>(Func<Hold, bool> match, long amount, bool complete, Func<TResponse> create)
        where TResponse : FinalizeAuthorizationResponse
    {
        var now = time.GetUtcNow();
        string code;
        lock (_lock)
        {
            var hold = _holds.LastOrDefault(match);
            code = hold switch
            {
                null => "25",
                { WaitingForBuyer: true } => "12",
                { Status: not SecureStatus.Held } => "22",
                _ when complete && amount > hold.Amount => "13",
                _ when !complete && amount != hold.Amount => "64",
                _ => "00",
            };
            if (code == "00")
            {
                hold!.Status = complete ? SecureStatus.Completed : SecureStatus.Voided;
                hold.CompletedAmount = complete ? amount : null;
            }
        }
        return create() with
        {

            ErrCode = code,
            ErrInfo = code == "00" ? "成功" : ResponseCodes.Find(code)!.SpecText,
            TransactionDate = ChinaTime.MonthDay(now),
            TransactionTime = ChinaTime.TimeOfDay(now),
            SettlementDate = ChinaTime.MonthDay(now.AddDays(SettlementDaysAhead)),
            RetrievalRefNum = "F" + ChinaTime.TimeOfDay(now),
        };
    }

    /// <summary>By orderId anywhere; by trace number only on that terminal and today's China trade day, as the platform scopes it.</summary>
    private Hold? FindForQuery(string terminalCode, string? orderId, string? trace)
    {
        var today = ChinaTime.TradeDate(time.GetUtcNow());
        lock (_lock)
        {
            return orderId is not null
                ? _holds.SingleOrDefault(h => h.OrderId == orderId)
                : _holds.LastOrDefault(h => h.TerminalCode == terminalCode && h.Trace == trace && ChinaTime.TradeDate(h.At) == today);
        }
    }

    private TResponse Describe<TResponse>(Hold? hold, TResponse empty) where TResponse : TransactionQueryResponse =>
        hold is null
            ? NotFoundAsQueryResCode
                ? empty with { ErrCode = "00", ErrInfo = "查无此交易", QueryResCode = "1" }
                : empty with { ErrCode = "25", ErrInfo = "找不到原始交易", QueryResCode = "1" }
            : empty with
            {
                ErrCode = "00",
                ErrInfo = "成功",
                QueryResCode = "0",
                PayCode = hold.PayCodeMasked,
                DealDate = ChinaTime.MonthDay(hold.At),
                DealTime = ChinaTime.TimeOfDay(hold.At),
                OriginalAmount = hold.Amount,
                DealType = "PREAUTH",
                DealSystemTraceNum = hold.Trace,
                AuthorizationCode = hold.AuthorizationCode,
                Amount = (hold.CompletedAmount ?? hold.Amount) - (hold.MerchantDiscount ?? 0) - (hold.OtherDiscount ?? 0),
                ActualTransactionAmount = hold.CompletedAmount,
                ThirdPartyMerchantDiscountAmount = hold.MerchantDiscount,
                ThirdPartyOtherDiscountAmount = hold.OtherDiscount,
                OrderId = hold.OrderId,
            };

    private Script? Peek(GatewayEndpoint endpoint) =>
        _scripts.TryGetValue(endpoint, out var queue) && queue.TryPeek(out var script) ? script : null;

    private async Task<GatewayResult<TResponse>> HandleAsync<TResponse>(GatewayEndpoint endpoint, IGatewayRequest request, Func<TResponse> perform)
        where TResponse : GatewayResponse
    {
        // As the real client does: a request missing a required field is a programming error, never sent.
        RequiredFields.Check(request);
        Requests.Enqueue((endpoint, request));
        var script = _scripts.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var next) ? next : null;
        var sentAt = time.GetUtcNow();
        var exchange = new GatewayExchange(endpoint, request.SystemTraceNum, GatewayRedaction.Redact(JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), GatewayJson.Options)),
            null, 200, sentAt, TimeSpan.FromMilliseconds(42));

        if (script?.PerformsWhen is { } later)
        {
            // Booked late: at the moment the test releases it, on the platform's clock then.
            _ = later.ContinueWith(_ => perform(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        var performsNow = script is null || (script.Performs && script.PerformsWhen is null);
        var response = performsNow ? perform() : default;
        if (script?.Hang == true)
        {
            await new TaskCompletionSource().Task;
        }
        if (script?.AnswerAfter is { } late)
        {
            await late;
        }
        if (script?.Unanswered is { } reason)
        {
            return new Unanswered<TResponse>(reason, "scripted", exchange);
        }
        if (script?.ErrCode is { } code)
        {
            response = (response ?? Activator.CreateInstance<TResponse>()) with { ErrCode = code, ErrInfo = ResponseCodes.Find(code)?.SpecText ?? "scripted" };
        }
        if (script?.AutoQuery == true)
        {
            response = response! with { AutoQueryFlag = "Y" };
        }
        response ??= Activator.CreateInstance<TResponse>() with { ErrCode = "96", ErrInfo = "系统异常" };
        return new Answered<TResponse>(response, ResponseCodes.Classify(endpoint, response), exchange with { ResponseBody = JsonSerializer.Serialize(response, response.GetType(), GatewayJson.Options) });
    }
}
