// Hangfire writes <html lang="zh"> for a Chinese reader and hands that to moment.locale(), whose bundled build knows
// only "zh-cn" and "zh-tw": without this, dates on a Chinese dashboard read in English. Dates are ISO, as elsewhere.
(function (hangfire) {
    if (hangfire.config && /^zh/i.test(hangfire.config.locale) && window.moment) {
        hangfire.config.locale = 'zh-cn';
        moment.updateLocale('zh-cn', { longDateFormat: { l: 'YYYY-MM-DD', L: 'YYYY-MM-DD' } });
    }
})(window.Hangfire = window.Hangfire || {});
