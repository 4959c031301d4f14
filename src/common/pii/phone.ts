export const MOBILE_PHONE = /^1[3-9]\d{9}$/;
export const PHONE_MESSAGE = '手机号格式不正确（应为1开头的11位数字）';
