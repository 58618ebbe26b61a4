namespace Encore.Web.Data;

public enum LeaveKind { Personal, Sick, CustomerDinner }

public enum LeaveStatus { Pending, Approved, Rejected }
