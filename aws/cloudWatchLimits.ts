// Values CloudWatch refuses when an alarm, dashboard or metric filter is created (PutMetricAlarm,
// PutCompositeAlarm, PutDashboard, PutMetricFilter references; AWS::CloudWatch::Alarm,
// AWS::CloudWatch::CompositeAlarm and AWS::Logs::MetricFilter resource schemas).

/** Periods of high resolution an alarm may use; any other period is a multiple of 60 s. */
const highResolutionAlarmPeriods: readonly number[] = [10, 20, 30];

/** Whether an alarm may evaluate periods of this many seconds. */
export function isAlarmPeriod(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds > 0 && (highResolutionAlarmPeriods.includes(seconds) || seconds % 60 === 0);
}

/**
 * The longest an alarm may look back, evaluation periods × period, in seconds: one day for
 * periods under an hour, seven days otherwise.
 */
export function maxAlarmEvaluationSeconds(periodSeconds: number): number {
  return periodSeconds < 3_600 ? 86_400 : 604_800;
}

/** Ids of metric queries: a lower-case letter, then letters, digits and _. */
export const metricQueryId = /^[a-z][a-zA-Z0-9_]*$/;

/** A composite alarm's rule, in characters. */
export const maxCompositeAlarmRuleLength = 10_240;

/** Dashboards lay widgets on a grid 24 columns wide. */
export const dashboardColumns = 24;

/** Dimensions a metric filter may publish, and only from JSON or space-delimited patterns. */
export const maxMetricFilterDimensions = 3;
