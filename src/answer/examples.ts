/**
 * Questions offered to a new reader (the bot's /start buttons, the web page's examples): one per
 * kind of user — a reporter's figure, a staff member's rule, a citizen's service.
 */
export const EXAMPLE_QUESTIONS = [
  "今年上半年准东开发区有多少家企业注册登记？",
  "借调干部的时间一般不能超过多久？",
  "昌吉州12345热线的回访满意率是多少？",
] as const;
