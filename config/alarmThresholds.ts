// Alarm thresholds, as stack settings. The alarms themselves are defined in dashboards/.
export const alarmThresholdSettings = {} as const;
