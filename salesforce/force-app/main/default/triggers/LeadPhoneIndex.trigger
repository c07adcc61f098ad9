/** Keeps PhoneIndex__c in step with the Lead's phone fields (PhoneIndexService). */
trigger LeadPhoneIndex on Lead(after insert, after update, after delete, after undelete) {
    PhoneIndexService.handleTrigger(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
