<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>AddDialog</name>
    <message>
        <source>Add to {list}</source>
        <translation>新增到「{list}」</translation>
    </message>
    <message>
        <source>700 HK, sh600519, 中際旭創, ZJXC …  (several: separate with spaces or commas)</source>
        <translation>700 HK、sh600519、中際旭創、ZJXC…（多檔請以空格或逗號分隔）</translation>
    </message>
    <message>
        <source>{n} listings: the bundled A-share list and every HK/A listing the reports name.</source>
        <translation>共 {n} 檔證券：內建 A 股清單及研報提到的所有港股/A 股。</translation>
    </message>
    <message>
        <source>   · in reports</source>
        <translation>   · 研報提及</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Your data is safe: every edit is saved as one transaction.</source>
        <translation>資料安全：每次編輯都以單一資料庫交易儲存。</translation>
    </message>
    <message>
        <source> Details are in {path}.</source>
        <translation> 詳情見 {path}。</translation>
    </message>
    <message>
        <source>Chainwatch — unexpected error</source>
        <translation>Chainwatch — 意外錯誤</translation>
    </message>
</context>
<context>
    <name>Appearance</name>
    <message>
        <source>Follow the &amp;system</source>
        <translation>跟隨系統(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>淺色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>外觀主題(&amp;T)</translation>
    </message>
</context>
<context>
    <name>BasketChart</name>
    <message>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>weekly</source>
        <translation>每週</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>No prices yet for any of the {n} members of {title} — press F5 (Prices &gt; Refresh prices) to download them, or read a file (Prices &gt; Import price history…).</source>
        <translation>{title}的 {n} 檔成分股都還沒有行情——按 F5（行情 &gt; 重新整理行情）下載，或讀取檔案（行情 &gt; 匯入歷史行情…）。</translation>
    </message>
    <message>
        <source>{title} has no listed members to build a basket from — add listings to it first.</source>
        <translation>{title}沒有可組成組合的上市成分股——請先加入上市公司。</translation>
    </message>
    <message>
        <source>This basket</source>
        <translation>這個組合</translation>
    </message>
    <message>
        <source>this basket</source>
        <translation>這個組合</translation>
    </message>
    <message>
        <source>{n} of {total} members have prices (equal weight, rebalanced {rebalance}; a member joins at its first close).</source>
        <translation>{total} 只成分股中 {n} 只有行情（等權重，{rebalance}再平衡；成分股自其首個收盤價起計入）。</translation>
    </message>
    <message>
        <source>No prices: {codes} — download or import them.</source>
        <translation>無行情：{codes}——請下載或匯入。</translation>
    </message>
    <message>
        <source>Not listed: {names}.</source>
        <translation>未上市：{names}。</translation>
    </message>
    <message>
        <source>Benchmark {name}: no prices.</source>
        <translation>基準 {name}：無行情。</translation>
    </message>
    <message>
        <source>No prices: {codes}</source>
        <translation>無行情：{codes}</translation>
    </message>
    <message>
        <source>Not listed: {names}</source>
        <translation>未上市：{names}</translation>
    </message>
</context>
<context>
    <name>CandleChart</name>
    <message>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日K</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>週K</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月K</translation>
    </message>
    <message>
        <source>Daily bars</source>
        <translation>日線</translation>
    </message>
    <message>
        <source>Weekly bars (ISO weeks, from the daily bars)</source>
        <translation>週線（ISO 週，由日線合成）</translation>
    </message>
    <message>
        <source>Monthly bars (calendar months, from the daily bars)</source>
        <translation>月線（自然月，由日線合成）</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>對數</translation>
    </message>
    <message>
        <source>Logarithmic price scale: equal moves in percent look equal</source>
        <translation>對數價格座標：相同百分比的漲跌看起來一樣大</translation>
    </message>
    <message>
        <source>this listing</source>
        <translation>該證券</translation>
    </message>
    <message>
        <source>Select a company in the table to see its candles.</source>
        <translation>在表格中選擇一家公司以查看其K線。</translation>
    </message>
    <message>
        <source>week to {day}</source>
        <translation>截至 {day} 的一週</translation>
    </message>
</context>
<context>
    <name>Chain</name>
    <message>
        <source>All segments</source>
        <translation>全部環節</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>最適大小</translation>
    </message>
    <message>
        <source>Fit the graph to the dock</source>
        <translation>縮放圖形以適應窗格</translation>
    </message>
    <message>
        <source>Segment:</source>
        <translation>環節：</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>證據</translation>
    </message>
    <message>
        <source>Supplier chain</source>
        <translation>產業鏈</translation>
    </message>
    <message>
        <source>Show &amp;evidence</source>
        <translation>檢視證據(&amp;E)</translation>
    </message>
    <message>
        <source>Open supplier c&amp;hain</source>
        <translation>開啟產業鏈(&amp;H)</translation>
    </message>
</context>
<context>
    <name>ChainPanel</name>
    <message>
        <source>(unlisted)</source>
        <translation>（非上市）</translation>
    </message>
    <message>
        <source>unlisted</source>
        <translation>非上市</translation>
    </message>
    <message>
        <source>Select a company or a theme to see its supplier chain.</source>
        <translation>選擇一家公司或一個主題以檢視其產業鏈。</translation>
    </message>
    <message>
        <source>{name}: the reports give no supplier chain for it in {segment}.</source>
        <translation>{name}：研報未給出其在「{segment}」環節的產業鏈。</translation>
    </message>
    <message>
        <source>{name}: the reports give no supplier chain for it.</source>
        <translation>{name}：研報未給出其產業鏈。</translation>
    </message>
    <message>
        <source>{theme}: no supplier edges in this theme for {segment}.</source>
        <translation>{theme}：該主題在「{segment}」環節沒有供應關係。</translation>
    </message>
    <message>
        <source>{theme}: no supplier edges in this theme.</source>
        <translation>{theme}：該主題沒有供應關係。</translation>
    </message>
    <message>
        <source>suppliers ← → customers   solid: core · dashed: potential · dotted: stated · click an edge for its quote</source>
        <translation>供應商 ← → 客戶   實線：核心 · 虛線：潛在 · 點線：提及 · 點選連線檢視原文</translation>
    </message>
    <message>
        <source>{n} reports</source>
        <translation>{n} 份研報</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>Charts</source>
        <translation>圖表</translation>
    </message>
    <message>
        <source>Save the chart on the Charts dock&apos;s current tab</source>
        <translation>儲存圖表面板當前標籤頁的圖表</translation>
    </message>
    <message>
        <source>Export chart as &amp;PNG…</source>
        <translation>匯出圖表為 PNG(&amp;G)…</translation>
    </message>
    <message>
        <source>Watchlist {name}</source>
        <translation>自選股清單 {name}</translation>
    </message>
    <message>
        <source>C&amp;hart it</source>
        <translation>檢視圖表(&amp;H)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>匯出圖表</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 圖片 (*.png)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已儲存 {path}</translation>
    </message>
    <message>
        <source>Could not write {path}</source>
        <translation>無法寫入 {path}</translation>
    </message>
    <message>
        <source>No prices for {what} yet — press F5 (Prices &gt; Refresh prices) to download them, or read a file (Prices &gt; Import price history…).</source>
        <translation>{what}還沒有行情——按 F5（行情 &gt; 重新整理行情）下載，或讀取檔案（行情 &gt; 匯入歷史行情…）。</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Forward-adjusted (qfq)</source>
        <translation>前復權（qfq）</translation>
    </message>
    <message>
        <source>As printed (raw)</source>
        <translation>不復權（原始）</translation>
    </message>
    <message>
        <source>Backward-adjusted (hfq)</source>
        <translation>後復權（hfq）</translation>
    </message>
    <message>
        <source>Candle prices. Returns, relative charts and baskets use total return (dividends and splits adjusted multiplicatively).</source>
        <translation>K線價格。報酬率、相對走勢和主題組合都使用全收益（股利與分割按比例還原）。</translation>
    </message>
    <message>
        <source>Benchmark of the relative chart: an index, or any code of the watchlist</source>
        <translation>相對走勢的基準：指數，或自選股中的任一代碼</translation>
    </message>
    <message>
        <source>Candles</source>
        <translation>K線</translation>
    </message>
    <message>
        <source>qfq</source>
        <translation>前復權</translation>
    </message>
    <message>
        <source>hfq</source>
        <translation>後復權</translation>
    </message>
    <message>
        <source>raw</source>
        <translation>不復權</translation>
    </message>
    <message>
        <source>Relative</source>
        <translation>相對走勢</translation>
    </message>
    <message>
        <source>Theme basket</source>
        <translation>主題組合</translation>
    </message>
    <message>
        <source>Report figures</source>
        <translation>研報數據</translation>
    </message>
    <message>
        <source>Report · {publisher}</source>
        <translation>研報 · {publisher}</translation>
    </message>
    <message>
        <source>[AI]</source>
        <translation>[AI]</translation>
    </message>
    <message>
        <source>Listing</source>
        <translation>上市</translation>
    </message>
    <message>
        <source>Offer price</source>
        <translation>發行價</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>業績</translation>
    </message>
    <message>
        <source>Offer {price}</source>
        <translation>發行價 {price}</translation>
    </message>
    <message>
        <source>Results: {note}</source>
        <translation>業績：{note}</translation>
    </message>
    <message>
        <source>Benchmark: by market</source>
        <translation>基準：按市場</translation>
    </message>
    <message>
        <source>Hang Seng TECH for Hong Kong listings, CSI 300 otherwise</source>
        <translation>港股用恆生科技指數，其餘用滬深300</translation>
    </message>
    <message>
        <source>vs {name}</source>
        <translation>對比 {name}</translation>
    </message>
    <message>
        <source>vs {code}</source>
        <translation>對比 {code}</translation>
    </message>
    <message>
        <source>Select a company</source>
        <translation>請選擇一家公司</translation>
    </message>
    <message>
        <source>to {date}</source>
        <translation>截至 {date}</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Code</source>
        <translation>代碼</translation>
    </message>
    <message>
        <source>Canonical code</source>
        <translation>標準代碼</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Exch</source>
        <translation>市場</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>Chain role</source>
        <translation>產業鏈角色</translation>
    </message>
    <message>
        <source>Segment → customer, share of orders; from the supplier chains</source>
        <translation>環節 → 客戶、訂單份額；來自產業鏈</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>環節</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>份額</translation>
    </message>
    <message>
        <source>Largest share of a customer&apos;s orders the reports give</source>
        <translation>研報給出的佔客戶訂單的最大份額</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>研報</translation>
    </message>
    <message>
        <source>Reports naming it; (AI) = only the AI-compiled report</source>
        <translation>提及該公司的研報數；(AI) = 僅 AI 彙編的研報提及</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行業</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最新價</translation>
    </message>
    <message>
        <source>Chg %</source>
        <translation>漲跌幅%</translation>
    </message>
    <message>
        <source>1M %</source>
        <translation>近1月%</translation>
    </message>
    <message>
        <source>3M %</source>
        <translation>近3月%</translation>
    </message>
    <message>
        <source>YTD %</source>
        <translation>年初至今%</translation>
    </message>
    <message>
        <source>Drawdown %</source>
        <translation>回撤%</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Comma-separated; edit in place</source>
        <translation>以逗號分隔；可直接編輯</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>評級</translation>
    </message>
    <message>
        <source>1 to 5</source>
        <translation>1 至 5</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標價</translation>
    </message>
    <message>
        <source>Your target price, in the listing&apos;s currency</source>
        <translation>您的目標價，以上市地貨幣計</translation>
    </message>
    <message>
        <source>Upside %</source>
        <translation>上漲空間%</translation>
    </message>
    <message>
        <source>Target price against the last close</source>
        <translation>目標價相對最新收盤價</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增日期</translation>
    </message>
    <message>
        <source>Only the AI-compiled report (002) names it; it cites no sources</source>
        <translation>僅 AI 彙編的研報（002）提及；該研報未註明來源</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>rating</source>
        <translation>評級</translation>
    </message>
    <message>
        <source>target price</source>
        <translation>目標價</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Edit {field} of {code}</source>
        <translation>編輯 {code} 的{field}</translation>
    </message>
    <message>
        <source>Add {codes}</source>
        <translation>新增 {codes}</translation>
    </message>
    <message>
        <source>Remove {n} item(s)</source>
        <translation>刪除 {n} 項</translation>
    </message>
    <message>
        <source>Not removed: {error}</source>
        <translation>未刪除：{error}</translation>
    </message>
    <message>
        <source>Reorder</source>
        <translation>調整順序</translation>
    </message>
    <message>
        <source>Move {n} item(s) to {list}</source>
        <translation>移動 {n} 項到「{list}」</translation>
    </message>
    <message>
        <source>Copy {n} item(s) to {list}</source>
        <translation>複製 {n} 項到「{list}」</translation>
    </message>
    <message>
        <source>New watchlist {name}</source>
        <translation>建立自選股清單 {name}</translation>
    </message>
    <message>
        <source>Rename {old} to {new}</source>
        <translation>將 {old} 重新命名為 {new}</translation>
    </message>
    <message>
        <source>Delete watchlist {name}</source>
        <translation>刪除自選股清單 {name}</translation>
    </message>
</context>
<context>
    <name>DeskTable</name>
    <message>
        <source>no rating</source>
        <translation>無評級</translation>
    </message>
    <message>
        <source>Type 1 to 5 (0 for none), then Enter</source>
        <translation>輸入 1 至 5（0 為無評級），再按 Enter</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>Select a company to see every quote behind it.</source>
        <translation>選擇一家公司，檢視其背後的每條研報原文。</translation>
    </message>
    <message>
        <source>AI-compiled, no sources cited</source>
        <translation>AI 彙編，未註明來源</translation>
    </message>
    <message>
        <source>{name}: not named by the bundled reports (added from the universe).</source>
        <translation>{name}：內建研報未提及（從證券清單新增）。</translation>
    </message>
    <message>
        <source>recommendation</source>
        <translation>推薦</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>supplies</source>
        <translation>供應</translation>
    </message>
    <message>
        <source>customer of</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>mention</source>
        <translation>提及</translation>
    </message>
    <message>
        <source>, {share} of orders</source>
        <translation>，佔訂單 {share}</translation>
    </message>
    <message>
        <source>, {share} of the market</source>
        <translation>，占市場 {share}</translation>
    </message>
    <message>
        <source>, {share} of revenue</source>
        <translation>，占收入 {share}</translation>
    </message>
    <message>
        <source>, {share} of compute</source>
        <translation>，占算力 {share}</translation>
    </message>
</context>
<context>
    <name>Excel</name>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>匯出到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Export watchlists and the knowledge base to a workbook</source>
        <translation>將自選股清單和知識庫匯出為工作簿</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>匯入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a workbook or another terminal&apos;s list</source>
        <translation>匯入工作簿或其他終端的清單</translation>
    </message>
</context>
<context>
    <name>ExcelDialogs</name>
    <message>
        <source>Code</source>
        <translation>代碼</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>評級</translation>
    </message>
    <message>
        <source>Target price</source>
        <translation>目標價</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>匯出到 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported {items} items in {n} watchlist(s) to {path}</source>
        <translation>已將 {n} 個自選股清單共 {items} 項匯出到 {path}</translation>
    </message>
    <message>
        <source>Exporting to {path}…</source>
        <translation>正在匯出到 {path}…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>匯入</translation>
    </message>
    <message>
        <source>Workbooks and lists (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.htm *.html);;All files (*)</source>
        <translation>工作簿和清單 (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.htm *.html);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Import a list</source>
        <translation>匯入列表</translation>
    </message>
    <message>
        <source>Into watchlist (type a new name to create one):</source>
        <translation>匯入到自選股清單（輸入新名稱即新建）：</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在讀取 {file}…</translation>
    </message>
    <message>
        <source>{file}: nothing to change.</source>
        <translation>{file}：沒有需要更改的內容。</translation>
    </message>
    <message>
        <source>Import cancelled: nothing changed.</source>
        <translation>已取消匯入：未做任何更改。</translation>
    </message>
    <message>
        <source>Import {file}</source>
        <translation>匯入 {file}</translation>
    </message>
    <message>
        <source>Imported {file}: {summary} (Ctrl+Z to undo)</source>
        <translation>已匯入 {file}：{summary}（Ctrl+Z 復原）</translation>
    </message>
</context>
<context>
    <name>ExportOptions</name>
    <message>
        <source>Export to Excel</source>
        <translation>匯出到 Excel</translation>
    </message>
    <message>
        <source>All watchlists, with the knowledge-base sheets</source>
        <translation>全部自選股清單，含知識庫工作表</translation>
    </message>
    <message>
        <source>Only “{list}”</source>
        <translation>僅「{list}」</translation>
    </message>
    <message>
        <source>Only the current watchlist</source>
        <translation>僅目前自選股清單</translation>
    </message>
    <message>
        <source>Codes are stored as text (leading zeros kept); edit notes, tags, rating and target price in Excel, add or delete rows, then File &gt; Import to review the changes.</source>
        <translation>代碼以文字儲存（保留前導零）；可在 Excel 中編輯備註、標籤、評級和目標價，增刪列，然後透過「檔案 &gt; 匯入」審閱更改。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filter: code, 简体/繁體 name, English, pinyin (Ctrl+F)</source>
        <translation>篩選：代碼、简体/繁體名稱、英文、拼音（Ctrl+F）</translation>
    </message>
    <message>
        <source>All markets</source>
        <translation>全部市場</translation>
    </message>
    <message>
        <source>A-shares</source>
        <translation>A股</translation>
    </message>
    <message>
        <source>All themes</source>
        <translation>全部主題</translation>
    </message>
    <message>
        <source>Any customer</source>
        <translation>任意客戶</translation>
    </message>
    <message>
        <source>Any segment</source>
        <translation>任意環節</translation>
    </message>
    <message>
        <source>Core or potential</source>
        <translation>核心或潛在</translation>
    </message>
    <message>
        <source>Core</source>
        <translation>核心</translation>
    </message>
    <message>
        <source>Potential</source>
        <translation>潛在</translation>
    </message>
    <message>
        <source>Stated</source>
        <translation>提及</translation>
    </message>
    <message>
        <source>Any rating</source>
        <translation>任意評級</translation>
    </message>
    <message>
        <source>share ≥ </source>
        <translation>份額 ≥ </translation>
    </message>
    <message>
        <source>any share</source>
        <translation>任意份額</translation>
    </message>
    <message>
        <source>Minimum share of a customer&apos;s orders</source>
        <translation>佔客戶訂單的最低份額</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear all filters (Esc)</source>
        <translation>清除全部篩選（Esc）</translation>
    </message>
    <message>
        <source>Less ▴</source>
        <translation>收起 ▴</translation>
    </message>
    <message>
        <source>More ▾</source>
        <translation>更多 ▾</translation>
    </message>
    <message>
        <source>Segment, core/potential, minimum share, tags, rating</source>
        <translation>環節、核心/潛在、最低份額、標籤、評級</translation>
    </message>
</context>
<context>
    <name>ImportReasons</name>
    <message>
        <source>a Hong Kong code is 1 to 5 digits</source>
        <translation>港股代碼為 1 到 5 位數字</translation>
    </message>
    <message>
        <source>a Hong Kong code cannot be 0</source>
        <translation>港股代碼不能為 0</translation>
    </message>
    <message>
        <source>an A-share code is exactly 6 digits</source>
        <translation>A 股代碼必須是 6 位數字</translation>
    </message>
    <message>
        <source>no exchange uses the prefix {prefix}</source>
        <translation>沒有交易所使用字首 {prefix}</translation>
    </message>
    <message>
        <source>a US ticker is 1 to 6 letters</source>
        <translation>美股代碼為 1 到 6 個字母</translation>
    </message>
    <message>
        <source>{digits} digits is not a listing code</source>
        <translation>{digits} 位數字不是證券代碼</translation>
    </message>
    <message>
        <source>not a listing code in any known format (unknown market {market})</source>
        <translation>不是任何已知格式的證券代碼（未知市場 {market}）</translation>
    </message>
    <message>
        <source>not a listing code in any known format</source>
        <translation>不是任何已知格式的證券代碼</translation>
    </message>
    <message>
        <source>empty code</source>
        <translation>代碼為空</translation>
    </message>
    <message>
        <source>not a code</source>
        <translation>不是代碼</translation>
    </message>
    <message>
        <source>{symbol} is a {expected} code, not {market}</source>
        <translation>{symbol} 是{expected}代碼，不是{market}代碼</translation>
    </message>
    <message>
        <source>{symbol} is not a 6-digit A-share code</source>
        <translation>{symbol} 不是 6 位 A 股代碼</translation>
    </message>
    <message>
        <source>unknown market {market}</source>
        <translation>未知市場 {market}</translation>
    </message>
    <message>
        <source>{symbol} is not a numeric {market} code</source>
        <translation>{symbol} 不是數字形式的{market}代碼</translation>
    </message>
    <message>
        <source>6 digits, but no exchange uses the prefix {prefix}</source>
        <translation>6 位數字，但沒有交易所使用字首 {prefix}</translation>
    </message>
    <message>
        <source>a bare 1-5 digit number is ambiguous here; add .HK</source>
        <translation>此處 1 到 5 位的純數字含義不明；請加上 .HK</translation>
    </message>
    <message>
        <source>Eastmoney market 0 is Shenzhen/Beijing, but {symbol} is not</source>
        <translation>東方財富市場 0 表示深圳/北京，但 {symbol} 不是</translation>
    </message>
    <message>
        <source>a bare ticker in letters needs its market (e.g. BABA.US)</source>
        <translation>純字母代碼需註明市場（例如 BABA.US）</translation>
    </message>
    <message>
        <source> (not a listing we know)</source>
        <translation>（非已知證券）</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>the column&apos;s other codes are Hong Kong codes</source>
        <translation>該列其他代碼均為港股代碼</translation>
    </message>
    <message>
        <source>a bare number of up to 5 digits is a Hong Kong code</source>
        <translation>不超過 5 位的純數字視為港股代碼</translation>
    </message>
    <message>
        <source>the column mixes Hong Kong and A-share codes</source>
        <translation>該列混有港股和 A 股代碼</translation>
    </message>
    <message>
        <source>the name {name} is {listing}</source>
        <translation>名稱 {name} 是 {listing}</translation>
    </message>
    <message>
        <source>{name} is not a name of either</source>
        <translation>{name} 不是其中任何一家的名稱</translation>
    </message>
    <message>
        <source>{name} is not a name of it</source>
        <translation>{name} 不是它的名稱</translation>
    </message>
    <message>
        <source>empty name</source>
        <translation>名稱為空</translation>
    </message>
    <message>
        <source>invalid code</source>
        <translation>代碼無效</translation>
    </message>
    <message>
        <source>invalid code: {text}: {error}</source>
        <translation>代碼無效：{text}：{error}</translation>
    </message>
    <message>
        <source>invalid code {text} (a number with decimals)</source>
        <translation>代碼 {text} 無效（帶小數的數字）</translation>
    </message>
    <message>
        <source>invalid code {text}: as an A-share it would be {padded}, which no exchange uses</source>
        <translation>代碼 {text} 無效：作為 A 股應為 {padded}，但沒有交易所使用該代碼</translation>
    </message>
    <message>
        <source>invalid code {text}</source>
        <translation>代碼 {text} 無效</translation>
    </message>
    <message>
        <source>ambiguous market: {text} could be {readings} ({why})</source>
        <translation>市場不明確：{text} 可能是 {readings}（{why}）</translation>
    </message>
    <message>
        <source>ambiguous market: {text} could be {readings}</source>
        <translation>市場不明確：{text} 可能是 {readings}</translation>
    </message>
    <message>
        <source>write the code with its market, e.g. 0700.HK</source>
        <translation>請寫出代碼及其市場，例如 0700.HK</translation>
    </message>
    <message>
        <source>spreadsheet software drops a code&apos;s leading zeros, so add the company&apos;s name in a name column, or write the code with its market (e.g. 0700.HK)</source>
        <translation>電子表格軟體會去掉代碼開頭的 0，請在名稱列中填寫公司名稱，或寫出代碼及其市場（例如 0700.HK）</translation>
    </message>
    <message>
        <source>{code} is a US listing</source>
        <translation>{code} 是美股</translation>
    </message>
    <message>
        <source>{code} is a US listing ({listing})</source>
        <translation>{code} 是美股（{listing}）</translation>
    </message>
    <message>
        <source>the desk follows Hong Kong and A-share listings</source>
        <translation>本系統只跟蹤港股和 A 股</translation>
    </message>
    <message>
        <source>the desk follows HK and A-shares</source>
        <translation>本系統只跟蹤港股和 A 股</translation>
    </message>
    <message>
        <source>duplicate: {code} is already on row {row}</source>
        <translation>重複：{code} 已在第 {row} 行</translation>
    </message>
    <message>
        <source>{code} is listed twice in this sheet (rows {rows})</source>
        <translation>{code} 在該工作表中出現兩次（第 {rows} 行）</translation>
    </message>
    <message>
        <source>unknown name {name}: longer than any company name</source>
        <translation>未知名稱 {name}：比任何公司名稱都長</translation>
    </message>
    <message>
        <source>unknown name {name}</source>
        <translation>未知名稱 {name}</translation>
    </message>
    <message>
        <source>{name} is {entity}, an unlisted entity</source>
        <translation>{name} 是 {entity}，一家未上市主體</translation>
    </message>
    <message>
        <source>ambiguous name: {name} could be {listed}</source>
        <translation>名稱不明確：{name} 可能是 {listed}</translation>
    </message>
    <message>
        <source>ambiguous: code {code} with name {name} could be {listed}</source>
        <translation>不明確：代碼 {code} 與名稱 {name} 可能是 {listed}</translation>
    </message>
    <message>
        <source>code and name disagree: code {code} is {said}, but {other}</source>
        <translation>代碼與名稱不符：代碼 {code} 是 {said}，但 {other}</translation>
    </message>
    <message>
        <source>correct the code or the name</source>
        <translation>請更正代碼或名稱</translation>
    </message>
    <message>
        <source>{code} is not a listing Chainwatch knows (not in the bundled A-share universe nor the knowledge base&apos;s companies)</source>
        <translation>{code} 不是 Chainwatch 已知的證券（既不在內建 A 股列表中，也不在知識庫的公司中）</translation>
    </message>
    <message>
        <source>check the code, or keep it anyway (--keep-unknown)</source>
        <translation>請檢查代碼，或仍然保留（--keep-unknown）</translation>
    </message>
    <message>
        <source>the cell is part of merged cells {cells}, so it is empty here</source>
        <translation>該單元格屬於合併單元格 {cells}，因此此處為空</translation>
    </message>
    <message>
        <source>unmerge them and fill in every row</source>
        <translation>請取消合併並填寫每一行</translation>
    </message>
    <message>
        <source>the cell has a formula without a calculated value</source>
        <translation>該單元格含有未計算出值的公式</translation>
    </message>
    <message>
        <source>open and save the file in Excel or LibreOffice, or type the value</source>
        <translation>請在 Excel 或 LibreOffice 中開啟並儲存該檔案，或直接輸入數值</translation>
    </message>
    <message>
        <source>columns: {how}</source>
        <translation>列：{how}</translation>
    </message>
    <message>
        <source>header row {n} recognised</source>
        <translation>識別出第 {n} 行為表頭</translation>
    </message>
    <message>
        <source>column {letter} holds codes</source>
        <translation>第 {letter} 列為代碼</translation>
    </message>
    <message>
        <source>column {letter} holds company names</source>
        <translation>第 {letter} 列為公司名稱</translation>
    </message>
    <message>
        <source>mapping given</source>
        <translation>已指定列對應關係</translation>
    </message>
    <message>
        <source>column mapping remembered from an earlier import of this layout</source>
        <translation>沿用此前匯入同樣格式時記住的列對應關係</translation>
    </message>
    <message>
        <source>no known header and no column of codes or names</source>
        <translation>沒有可識別的表頭，也沒有代碼或名稱列</translation>
    </message>
    <message>
        <source>{n} row(s) already in {name} with nothing to change</source>
        <translation>{n} 行已在 {name} 中，無需更改</translation>
    </message>
    <message>
        <source>every row was rejected: nothing would be imported (no watchlist {name} is created)</source>
        <translation>所有行均被拒絕：不會匯入任何內容（不會新建自選股清單 {name}）</translation>
    </message>
    <message>
        <source>read sheet {sheet}</source>
        <translation>已讀取工作表 {sheet}</translation>
    </message>
    <message>
        <source>also has {sheets} (choose another sheet to import those)</source>
        <translation>另有 {sheets}（如需匯入請另選工作表）</translation>
    </message>
    <message>
        <source>{file}, sheet {sheet}, row {row}: footer line skipped: {text}</source>
        <translation>{file}，工作表 {sheet}，第 {row} 行：跳過表尾行：{text}</translation>
    </message>
    <message>
        <source>{file}, row {row}: footer line skipped: {text}</source>
        <translation>{file}，第 {row} 行：跳過表尾行：{text}</translation>
    </message>
    <message>
        <source>row {row}: {note}</source>
        <translation>第 {row} 行：{note}</translation>
    </message>
    <message>
        <source>{code} is not a listing Chainwatch knows</source>
        <translation>{code} 不是 Chainwatch 已知的證券</translation>
    </message>
    <message>
        <source>kept as written</source>
        <translation>按原樣保留</translation>
    </message>
    <message>
        <source>hidden sheet {sheet} was not read (unhide it in Excel to import it)</source>
        <translation>未讀取隱藏的工作表 {sheet}（在 Excel 中取消隱藏後即可匯入）</translation>
    </message>
    <message>
        <source>read as {encoding} text</source>
        <translation>按 {encoding} 編碼的文字讀取</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>create</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>reorder</source>
        <translation>重新排序</translation>
    </message>
    <message>
        <source>{n} create</source>
        <translation>新建 {n} 個</translation>
    </message>
    <message>
        <source>{n} add</source>
        <translation>新增 {n} 行</translation>
    </message>
    <message>
        <source>{n} remove</source>
        <translation>移除 {n} 行</translation>
    </message>
    <message>
        <source>{n} update</source>
        <translation>更新 {n} 項</translation>
    </message>
    <message>
        <source>{n} reorder</source>
        <translation>重新排序 {n} 個</translation>
    </message>
    <message>
        <source>sheet {sheet}</source>
        <translation>工作表 {sheet}</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <source>column {column}</source>
        <translation>列 {column}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>{n} conflict(s)</source>
        <translation>{n} 處衝突</translation>
    </message>
    <message>
        <source>{n} row(s) rejected</source>
        <translation>拒絕 {n} 行</translation>
    </message>
    <message>
        <source>{n} problem(s)</source>
        <translation>{n} 個問題</translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>無更改</translation>
    </message>
</context>
<context>
    <name>Ingest</name>
    <message>
        <source>Reports (*.pdf *.docx *.html *.htm *.txt *.md);;PDF (*.pdf);;Word (*.docx);;Web page (*.html *.htm);;Text (*.txt *.md);;All files (*)</source>
        <translation>研報 (*.pdf *.docx *.html *.htm *.txt *.md);;PDF (*.pdf);;Word (*.docx);;網頁 (*.html *.htm);;文字 (*.txt *.md);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Add &amp;report…</source>
        <translation>新增研報(&amp;R)…</translation>
    </message>
    <message>
        <source>Read a broker report (PDF, DOCX, HTML, TXT, MD), review what it names, add it as evidence</source>
        <translation>讀取券商研報（PDF、DOCX、HTML、TXT、MD），審閱其中提及的內容，並作為證據新增</translation>
    </message>
    <message>
        <source>Pa&amp;ste report…</source>
        <translation>貼上研報(&amp;S)…</translation>
    </message>
    <message>
        <source>Paste the text of a report or article, review what it names, add it as evidence</source>
        <translation>貼上研報或文章的文字，審閱其中提及的內容，並作為證據新增</translation>
    </message>
    <message>
        <source>Add a report</source>
        <translation>新增研報</translation>
    </message>
    <message>
        <source>Paste a report</source>
        <translation>貼上研報</translation>
    </message>
    <message>
        <source>Title or source (optional: proposed from the text)</source>
        <translation>標題或來源（可選：將根據文字推測）</translation>
    </message>
    <message>
        <source>Paste the text of a broker report, a news piece or a WeChat article here.</source>
        <translation>在此貼上券商研報、新聞或微信公眾號文章的文字。</translation>
    </message>
    <message>
        <source>Analyse</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>{n} characters</source>
        <translation>{n} 個字元</translation>
    </message>
    <message>
        <source> — more than {max}: too long</source>
        <translation> — 超過 {max}：過長</translation>
    </message>
    <message>
        <source>Reading {what}…</source>
        <translation>正在讀取 {what}…</translation>
    </message>
    <message>
        <source>Finding companies and links in {what}…</source>
        <translation>正在識別 {what} 中的公司和關聯…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelled {what}: nothing changed.</source>
        <translation>已取消 {what}：未做任何更改。</translation>
    </message>
    <message>
        <source>{what} could not be read:</source>
        <translation>無法讀取 {what}：</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <source>{what} could not be analysed (an unexpected error, logged):</source>
        <translation>無法分析 {what}（意外錯誤，已記錄日誌）：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Watchlist</source>
        <translation>自選股(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Screen</source>
        <translation>選股(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Prices</source>
        <translation>行情(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>Chainwatch — China / HK AI stock desk</source>
        <translation>Chainwatch — 中國/港股 AI 股票工作台</translation>
    </message>
    <message>
        <source>Loading the knowledge base…</source>
        <translation>正在載入知識庫…</translation>
    </message>
    <message>
        <source>Opening the store and the knowledge base…</source>
        <translation>正在開啟資料庫和知識庫…</translation>
    </message>
    <message>
        <source> The table shows it as you left it until then.</source>
        <translation> 在此之前，表格顯示您上次離開時的內容。</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重設版面配置(&amp;R)</translation>
    </message>
    <message>
        <source>Copy &amp;code as</source>
        <translation>複製代碼為(&amp;C)</translation>
    </message>
    <message>
        <source>Copied {n} code(s) ({dialect})</source>
        <translation>已複製 {n} 個代碼（{dialect}）</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>復原(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Undo {what} (Ctrl+Z)</source>
        <translation>復原{what}（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Redo {what} (Ctrl+Shift+Z)</source>
        <translation>重做{what}（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <source>&amp;Names</source>
        <translation>名稱(&amp;N)</translation>
    </message>
    <message>
        <source>简体 Simplified</source>
        <translation>簡體</translation>
    </message>
    <message>
        <source>繁體 Traditional</source>
        <translation>繁體</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>欄(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Fit columns to content</source>
        <translation>欄寬符合內容(&amp;F)</translation>
    </message>
    <message>
        <source>Size every column to its content</source>
        <translation>按內容調整每欄寬度</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About the data</source>
        <translation>關於資料(&amp;A)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具列</translation>
    </message>
    <message>
        <source>KB {version} · {n} reports</source>
        <translation>知識庫 {version} · {n} 份研報</translation>
    </message>
    <message>
        <source>store {path}</source>
        <translation>資料庫 {path}</translation>
    </message>
    <message>
        <source>Not opened: see the message above (File &gt; Quit, then fix and restart).</source>
        <translation>未能開啟：見上方訊息（檔案 &gt; 結束，修正後重新啟動）。</translation>
    </message>
    <message>
        <source>Could not open the store or the knowledge base:</source>
        <translation>無法開啟資料庫或知識庫：</translation>
    </message>
    <message>
        <source>Could not open the store or the knowledge base.</source>
        <translation>無法開啟資料庫或知識庫。</translation>
    </message>
    <message>
        <source>{shown} of {total} shown</source>
        <translation>顯示 {shown} / {total}</translation>
    </message>
    <message>
        <source>No row matches the filters (Esc in the filter bar clears them).</source>
        <translation>沒有符合篩選條件的列（在篩選欄按 Esc 清除）。</translation>
    </message>
    <message>
        <source>Sorted by {columns}</source>
        <translation>按 {columns} 排序</translation>
    </message>
    <message>
        <source>List order</source>
        <translation>清單順序</translation>
    </message>
    <message>
        <source>  (needs prices)</source>
        <translation>  （需要行情）</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System ({language})</source>
        <translation>跟隨系統（{language}）(&amp;S)</translation>
    </message>
    <message>
        <source>About the data</source>
        <translation>關於資料</translation>
    </message>
    <message>
        <source>&lt;p&gt;Knowledge base {version}: {companies} companies, {entities} unlisted entities, {edges} supplier edges, {themes} themes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;知識庫 {version}：{companies} 家公司，{entities} 個非上市主體，{edges} 條供應關係，{themes} 個主題。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every link carries a verbatim quote. Report 002 is AI-compiled and cites no sources; its claims are flagged.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每條關聯都附有研報原文。研報 002 為 AI 彙編且未註明來源，其內容均已標註。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Which column is which?</source>
        <translation>各欄分別是什麼？</translation>
    </message>
    <message>
        <source>{file}, sheet “{sheet}”: {reason}.</source>
        <translation>{file}，工作表「{sheet}」：{reason}。</translation>
    </message>
    <message>
        <source>Pick the columns; the choice is remembered for files laid out like this one.</source>
        <translation>請選擇對應的欄；相同格式的檔案將記住此選擇。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（無）</translation>
    </message>
    <message>
        <source>{letter}: {header} — e.g. {samples}</source>
        <translation>{letter}：{header} — 例如 {samples}</translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation>（無標題）</translation>
    </message>
    <message>
        <source>no header row</source>
        <translation>無標題列</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>標題列</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Import {file} — review the changes</source>
        <translation>匯入 {file} — 審閱更改</translation>
    </message>
    <message>
        <source>Chainwatch workbook</source>
        <translation>Chainwatch 工作簿</translation>
    </message>
    <message>
        <source>list from another tool</source>
        <translation>其他工具的清單</translation>
    </message>
    <message>
        <source>Nothing has changed yet.</source>
        <translation>尚未做任何更改。</translation>
    </message>
    <message>
        <source>Watchlist</source>
        <translation>自選股清單</translation>
    </message>
    <message>
        <source>Sheet / row</source>
        <translation>工作表 / 列</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代碼</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之後</translation>
    </message>
    <message>
        <source>Changes ({n})</source>
        <translation>更改（{n}）</translation>
    </message>
    <message>
        <source>Watchlist / code</source>
        <translation>自選股清單 / 代碼</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>At export</source>
        <translation>匯出時</translation>
    </message>
    <message>
        <source>Workbook</source>
        <translation>工作簿</translation>
    </message>
    <message>
        <source>App now</source>
        <translation>程式目前</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>— decide —</source>
        <translation>— 請選擇 —</translation>
    </message>
    <message>
        <source>the workbook&apos;s</source>
        <translation>工作簿的</translation>
    </message>
    <message>
        <source>the app&apos;s (keep)</source>
        <translation>程式的（保留）</translation>
    </message>
    <message>
        <source>Conflicts ({n})</source>
        <translation>衝突（{n}）</translation>
    </message>
    <message>
        <source>Problems — fix the file first; nothing can be imported:</source>
        <translation>問題 — 請先修正檔案；目前無法匯入任何內容：</translation>
    </message>
    <message>
        <source>Rows left out:</source>
        <translation>略過的列：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>說明：</translation>
    </message>
    <message>
        <source>Problems ({problems}) · rejected ({rejected})</source>
        <translation>問題（{problems}）· 拒絕（{rejected}）</translation>
    </message>
    <message>
        <source>Apply all</source>
        <translation>全部套用</translation>
    </message>
    <message>
        <source>Skip {n} rejected rows and apply the rest</source>
        <translation>略過 {n} 個被拒絕的列並套用其餘部分</translation>
    </message>
    <message>
        <source>Skip {n} rejected row and apply the rest</source>
        <translation>略過 {n} 個被拒絕的列並套用其餘部分</translation>
    </message>
    <message>
        <source>Decide every conflict first</source>
        <translation>請先處理每個衝突</translation>
    </message>
</context>
<context>
    <name>Prices</name>
    <message>
        <source>No network connection: the price source could not be reached ({reason}).</source>
        <translation>無網路連線：無法連線行情源（{reason}）。</translation>
    </message>
    <message>
        <source>Check the connection (or a proxy / firewall) and press F5 again.</source>
        <translation>請檢查網路連線（或代理/防火牆）後再按 F5。</translation>
    </message>
    <message>
        <source>No network connection — unreachable: {sources}.</source>
        <translation>無網路連線 — 無法連線：{sources}。</translation>
    </message>
    <message>
        <source>The price source failed: {reason}.</source>
        <translation>行情源出錯：{reason}。</translation>
    </message>
    <message>
        <source>Try again later, or import a price file (Prices &gt; Import price history…).</source>
        <translation>請稍後重試，或匯入行情檔案（行情 &gt; 匯入歷史行情…）。</translation>
    </message>
    <message>
        <source>The price source failed for {n} code(s), mostly: {reason}.</source>
        <translation>行情源對 {n} 個代碼出錯，主要原因：{reason}。</translation>
    </message>
    <message>
        <source>Details below; try again later, or import a price file (Prices &gt; Import price history…).</source>
        <translation>詳情見下；請稍後重試，或匯入行情檔案（行情 &gt; 匯入歷史行情…）。</translation>
    </message>
    <message>
        <source>{n} of {total} code(s) not updated; their cached prices are kept.</source>
        <translation>{total} 個代碼中有 {n} 個未更新；保留其快取行情。</translation>
    </message>
    <message>
        <source>&amp;Refresh prices</source>
        <translation>重新整理行情(&amp;R)</translation>
    </message>
    <message>
        <source>Download missing daily bars for this list and the benchmarks</source>
        <translation>下載本清單及基準指數缺失的日K線</translation>
    </message>
    <message>
        <source>Refresh &amp;all watchlists</source>
        <translation>重新整理全部自選股清單(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation>取消下載(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Import price history…</source>
        <translation>匯入歷史行情(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a CSV/xlsx of daily prices (Wind, Choice, Yahoo, akshare)</source>
        <translation>匯入日線行情 CSV/xlsx（Wind、Choice、Yahoo、akshare）</translation>
    </message>
    <message>
        <source>A download is already running (Prices &gt; Cancel download).</source>
        <translation>已有下載正在進行（行情 &gt; 取消下載）。</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>Downloading prices… (Prices &gt; Cancel download)</source>
        <translation>正在下載行情…（行情 &gt; 取消下載）</translation>
    </message>
    <message>
        <source>{n} failed</source>
        <translation>{n} 個失敗</translation>
    </message>
    <message>
        <source>Downloading prices… {done} of {total} — {n} failed: {reason}</source>
        <translation>正在下載行情… {done} / {total} — {n} 個失敗：{reason}</translation>
    </message>
    <message>
        <source>Downloading prices… {done} of {total}</source>
        <translation>正在下載行情… {done} / {total}</translation>
    </message>
    <message>
        <source>Cancelling after the current code…</source>
        <translation>將在目前代碼完成後取消…</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>行情</translation>
    </message>
    <message>
        <source>The download failed; cached prices are kept.</source>
        <translation>下載失敗；保留快取行情。</translation>
    </message>
    <message>
        <source>Prices: {n} updated (+{bars} bars)</source>
        <translation>行情：已更新 {n} 個（新增 {bars} 根K線）</translation>
    </message>
    <message>
        <source>Prices: {n} updated</source>
        <translation>行情：已更新 {n} 個</translation>
    </message>
    <message>
        <source>, {n} cancelled</source>
        <translation>，{n} 個已取消</translation>
    </message>
    <message>
        <source> Cached prices run to {date}.</source>
        <translation> 快取行情截至 {date}。</translation>
    </message>
    <message>
        <source>, {n} failed — cached data kept</source>
        <translation>，{n} 個失敗 — 保留快取資料</translation>
    </message>
    <message>
        <source> (to {date})</source>
        <translation>（截至 {date}）</translation>
    </message>
    <message>
        <source>unreachable: {sources}</source>
        <translation>無法連線：{sources}</translation>
    </message>
    <message>
        <source>Import price history</source>
        <translation>匯入歷史行情</translation>
    </message>
    <message>
        <source>Price files (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods);;All files (*)</source>
        <translation>行情檔案 (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Imported prices for {n} code(s) from {path}</source>
        <translation>已從 {path} 匯入 {n} 個代碼的行情</translation>
    </message>
    <message>
        <source>No rows.</source>
        <translation>沒有資料列。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未匯入任何內容。</translation>
    </message>
    <message>
        <source>Importing {path}…</source>
        <translation>正在匯入 {path}…</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>{name} (screened)</source>
        <translation>{name}（已篩選）</translation>
    </message>
    <message>
        <source>Equal-weight basket of the companies above</source>
        <translation>以上公司的等權組合</translation>
    </message>
    <message>
        <source>text “{text}”</source>
        <translation>文字「{text}」</translation>
    </message>
    <message>
        <source>market {markets}</source>
        <translation>市場 {markets}</translation>
    </message>
    <message>
        <source>theme {theme}</source>
        <translation>主題 {theme}</translation>
    </message>
    <message>
        <source>customer {customer}</source>
        <translation>客戶 {customer}</translation>
    </message>
    <message>
        <source>segment {segment}</source>
        <translation>環節 {segment}</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>狀態 {status}</translation>
    </message>
    <message>
        <source>share ≥ {share}%</source>
        <translation>份額 ≥ {share}%</translation>
    </message>
    <message>
        <source>tags {tags}</source>
        <translation>標籤 {tags}</translation>
    </message>
    <message>
        <source>rating ≥ {rating}</source>
        <translation>評級 ≥ {rating}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>列印</translation>
    </message>
    <message>
        <source>Nothing to print: the table shows no rows.</source>
        <translation>沒有可列印的內容：表格中沒有資料列。</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>匯出 PDF</translation>
    </message>
    <message>
        <source>Saved {path} ({pages} pages, {paper} {orientation})</source>
        <translation>已儲存 {path}（{pages} 頁，{paper} {orientation}）</translation>
    </message>
    <message>
        <source>Could not write {path}:</source>
        <translation>無法寫入 {path}：</translation>
    </message>
    <message>
        <source>Writing {path}…</source>
        <translation>正在寫入 {path}…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>列印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print a summary of what the table shows</source>
        <translation>列印表格目前內容的摘要</translation>
    </message>
    <message>
        <source>Print Pre&amp;view…</source>
        <translation>列印預覽(&amp;V)…</translation>
    </message>
    <message>
        <source>Preview the printed summary</source>
        <translation>預覽列印摘要</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>匯出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the summary as PDF</source>
        <translation>將摘要儲存為 PDF</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代碼</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Exch.</source>
        <translation>市場</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>Chain role</source>
        <translation>產業鏈角色</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最新價</translation>
    </message>
    <message>
        <source>Chg</source>
        <translation>漲跌幅</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>評級</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標價</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Src</source>
        <translation>來源</translation>
    </message>
    <message>
        <source>Company table</source>
        <translation>公司表</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>圖表</translation>
    </message>
    <message>
        <source>Theme members</source>
        <translation>主題成分股</translation>
    </message>
    <message>
        <source>Theme supplier chains</source>
        <translation>主題產業鏈</translation>
    </message>
    <message>
        <source>Evidence footnotes</source>
        <translation>證據腳註</translation>
    </message>
    <message>
        <source>Watchlist summary</source>
        <translation>自選股清單摘要</translation>
    </message>
    <message>
        <source>Screen summary</source>
        <translation>選股結果摘要</translation>
    </message>
    <message>
        <source>Theme summary</source>
        <translation>主題摘要</translation>
    </message>
    <message>
        <source>Company summary</source>
        <translation>公司摘要</translation>
    </message>
    <message>
        <source>Watchlist</source>
        <translation>自選股清單</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>選股</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>所選公司</translation>
    </message>
    <message>
        <source>Recommendation: {action}</source>
        <translation>推薦：{action}</translation>
    </message>
    <message>
        <source>Supplies {segment} → {customer} {share}</source>
        <translation>供貨 {segment} → {customer} {share}</translation>
    </message>
    <message>
        <source>Supplies {segment} → {customer} {share} ({status})</source>
        <translation>供貨 {segment} → {customer} {share}（{status}）</translation>
    </message>
    <message>
        <source>Theme {theme}: {role}</source>
        <translation>主題 {theme}：{role}</translation>
    </message>
    <message>
        <source>Theme {theme}</source>
        <translation>主題 {theme}</translation>
    </message>
    <message>
        <source>Named in the report</source>
        <translation>研報中提及</translation>
    </message>
    <message>
        <source>{supplier} supplies {segment} → {customer}</source>
        <translation>{supplier} 供貨 {segment} → {customer}</translation>
    </message>
    <message>
        <source>portrait</source>
        <translation>縱向</translation>
    </message>
    <message>
        <source>landscape</source>
        <translation>橫向</translation>
    </message>
    <message>
        <source>{kind}: {name}</source>
        <translation>{kind}：{name}</translation>
    </message>
    <message>
        <source>reports to {date}</source>
        <translation>研報截至 {date}</translation>
    </message>
    <message>
        <source>prices as of {date}</source>
        <translation>行情截至 {date}</translation>
    </message>
    <message>
        <source>prices as of {date} (oldest {oldest})</source>
        <translation>行情截至 {date}（最早 {oldest}）</translation>
    </message>
    <message>
        <source>no cached prices</source>
        <translation>無快取行情</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>Report {n}</source>
        <translation>研報 {n}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>研報</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>列印時間</translation>
    </message>
    <message>
        <source>Data as of</source>
        <translation>資料截至</translation>
    </message>
    <message>
        <source>Filters in force</source>
        <translation>目前篩選</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <source> ({n} with cached prices)</source>
        <translation>（{n} 家有快取行情）</translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation>知識庫</translation>
    </message>
    <message>
        <source>version {version}, built from broker reports</source>
        <translation>版本 {version}，基於券商研報構建</translation>
    </message>
    <message>
        <source>Not shown, empty for every company: {columns}.</source>
        <translation>未顯示（所有公司均為空）：{columns}。</translation>
    </message>
    <message>
        <source>No cached prices.</source>
        <translation>無快取行情。</translation>
    </message>
    <message>
        <source>Src: evidence footnotes at the end; * = from an AI-compiled report.</source>
        <translation>來源：證據腳註見文末；* = 來自 AI 彙編的研報。</translation>
    </message>
    <message>
        <source>Last and Chg: cached prices in local currency and their latest change.</source>
        <translation>最新價和漲跌幅：以當地貨幣計的快取行情及其最新漲跌。</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Supplier chain</source>
        <translation>產業鏈</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供應商</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>環節</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>份額</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>說明</translation>
    </message>
    <message>
        <source>Sources and evidence</source>
        <translation>來源與證據</translation>
    </message>
    <message>
        <source>The broker reports cited. [AI-compiled] marks a report compiled by an AI tool: check its claims before relying on them.</source>
        <translation>所引用的券商研報。[AI 彙編] 表示由 AI 工具彙編的研報：引用其內容前請核實。</translation>
    </message>
    <message>
        <source>Evidence: what each note supports, the report it comes from, and the report&apos;s words.</source>
        <translation>證據：每條腳註佐證的內容、出處研報及研報原文。</translation>
    </message>
    <message>
        <source>[AI-compiled]</source>
        <translation>[AI 彙編]</translation>
    </message>
    <message>
        <source>. </source>
        <translation>。</translation>
    </message>
    <message>
        <source>printed {date}</source>
        <translation>列印於 {date}</translation>
    </message>
    <message>
        <source>page {page} of {pages}</source>
        <translation>第 {page} 頁，共 {pages} 頁</translation>
    </message>
    <message>
        <source>Chainwatch · data: {date}</source>
        <translation>Chainwatch · 資料：{date}</translation>
    </message>
    <message>
        <source>Print preview — {title}</source>
        <translation>列印預覽 — {title}</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>內容</translation>
    </message>
    <message>
        <source>Choose the parts of the summary to print</source>
        <translation>選擇要列印的摘要部分</translation>
    </message>
    <message>
        <source>Print — {title}</source>
        <translation>列印 — {title}</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>尋找於(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>檔案型態(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RangeBar</name>
    <message>
        <source>the whole cached history</source>
        <translation>全部已快取的歷史</translation>
    </message>
    <message>
        <source>since the last close of last year</source>
        <translation>自去年最後一個收盤價起</translation>
    </message>
    <message>
        <source>the last month</source>
        <translation>最近一個月</translation>
    </message>
    <message>
        <source>the last 3 months</source>
        <translation>最近三個月</translation>
    </message>
    <message>
        <source>the last year</source>
        <translation>最近一年</translation>
    </message>
    <message>
        <source>1M</source>
        <translation>近1月</translation>
    </message>
    <message>
        <source>3M</source>
        <translation>近3月</translation>
    </message>
    <message>
        <source>YTD</source>
        <translation>今年以來</translation>
    </message>
    <message>
        <source>1Y</source>
        <translation>近1年</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>named in the same clause</source>
        <translation>同一分句中提及</translation>
    </message>
    <message>
        <source>named in the sentence</source>
        <translation>同一句中提及</translation>
    </message>
    <message>
        <source>listed under {lead}</source>
        <translation>列於 {lead} 之下</translation>
    </message>
    <message>
        <source>from the heading {heading}</source>
        <translation>來自標題 {heading}</translation>
    </message>
    <message>
        <source>&apos;其&apos; = {name}</source>
        <translation>「其」 = {name}</translation>
    </message>
    <message>
        <source>{group} = {names} (defined earlier; the quote does not name the party)</source>
        <translation>{group} = {names}（前文定義；引文未提及該方）</translation>
    </message>
    <message>
        <source>holds {stake}</source>
        <translation>持有 {stake}</translation>
    </message>
    <message>
        <source>&apos;{words}&apos;</source>
        <translation>「{words}」</translation>
    </message>
    <message>
        <source>clause</source>
        <translation>分句</translation>
    </message>
    <message>
        <source>list item</source>
        <translation>列表項</translation>
    </message>
    <message>
        <source>sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>heading</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>default for this wording</source>
        <translation>該措辭的預設值</translation>
    </message>
    <message>
        <source>knowledge-base name {name}</source>
        <translation>知識庫名稱 {name}</translation>
    </message>
    <message>
        <source>knowledge-base alias {name}</source>
        <translation>知識庫別名 {name}</translation>
    </message>
    <message>
        <source>knowledge-base short alias {name}</source>
        <translation>知識庫簡短別名 {name}</translation>
    </message>
    <message>
        <source>named {n} times</source>
        <translation>提及 {n} 次</translation>
    </message>
    <message>
        <source>not yet in the knowledge base</source>
        <translation>尚未收入知識庫</translation>
    </message>
    <message>
        <source>the text never names it in full or by code, and the two characters may be a word</source>
        <translation>正文從未以全稱或代碼提及，這兩個字可能只是普通詞語</translation>
    </message>
    <message>
        <source>{surface} is a listed short name ({ref}) but here it may be part of a longer word ({word})</source>
        <translation>{surface} 是上市公司簡稱（{ref}），但此處可能是更長詞語的一部分（{word}）</translation>
    </message>
    <message>
        <source>{surface} is a listed short name ({ref}) but also an ordinary word or very short</source>
        <translation>{surface} 是上市公司簡稱（{ref}），但也是普通詞語或過短</translation>
    </message>
    <message>
        <source>confirm</source>
        <translation>請確認</translation>
    </message>
    <message>
        <source>short name of {ref} in the A-share universe</source>
        <translation>A 股列表中 {ref} 的簡稱</translation>
    </message>
    <message>
        <source>{surface} is the name of several parties</source>
        <translation>{surface} 是多個主體的名稱</translation>
    </message>
    <message>
        <source>name {surface} and code {code} agree</source>
        <translation>名稱 {surface} 與代碼 {code} 一致</translation>
    </message>
    <message>
        <source>name {surface} says {refs} but code {code} is {name}</source>
        <translation>名稱 {surface} 指 {refs}，但代碼 {code} 是 {name}</translation>
    </message>
    <message>
        <source>code {code} not in the desk&apos;s lists</source>
        <translation>代碼 {code} 不在本系統的列表中</translation>
    </message>
    <message>
        <source>name {surface}</source>
        <translation>名稱 {surface}</translation>
    </message>
    <message>
        <source>code {code} ({name})</source>
        <translation>代碼 {code}（{name}）</translation>
    </message>
    <message>
        <source>not a code: {error}</source>
        <translation>不是代碼：{error}</translation>
    </message>
    <message>
        <source>{code} is in no list the desk has (refresh the universe)</source>
        <translation>{code} 不在本系統的任何列表中（請更新公司列表）</translation>
    </message>
    <message>
        <source>bare number in brackets after a name</source>
        <translation>名稱後括號中的純數字</translation>
    </message>
    <message>
        <source>bare number after {cue}</source>
        <translation>{cue} 之後的純數字</translation>
    </message>
    <message>
        <source>resolved by hand (was {old})</source>
        <translation>手動指定（原為 {old}）</translation>
    </message>
    <message>
        <source>added by hand</source>
        <translation>手動新增</translation>
    </message>
    <message>
        <source>{supplier} supplies {customer} ({how})</source>
        <translation>{supplier} 供貨給 {customer}（{how}）</translation>
    </message>
    <message>
        <source>segment {segment} from the {where}</source>
        <translation>環節 {segment} 取自{where}</translation>
    </message>
    <message>
        <source>explicit supply wording</source>
        <translation>明確的供貨措辭</translation>
    </message>
    <message>
        <source>share {share}% of {of}</source>
        <translation>{of}份額 {share}%</translation>
    </message>
    <message>
        <source>the supplier&apos;s name is a weak match</source>
        <translation>供應商名稱為弱匹配</translation>
    </message>
    <message>
        <source>argued, not stated ({words})</source>
        <translation>推測，並非陳述（{words}）</translation>
    </message>
    <message>
        <source>argued, not stated</source>
        <translation>推測，並非陳述</translation>
    </message>
    <message>
        <source>the section calls it potential</source>
        <translation>所在章節稱其為潛在</translation>
    </message>
    <message>
        <source>the quote does not name {name}</source>
        <translation>引文未提及 {name}</translation>
    </message>
    <message>
        <source>stated in {n} sentences</source>
        <translation>共 {n} 句提及</translation>
    </message>
    <message>
        <source>{words} before {hub}: the customer takes the hub&apos;s model</source>
        <translation>{hub} 之前的 {words}：客戶採用該平臺的模型</translation>
    </message>
    <message>
        <source>{cue} between {parent} and {child}</source>
        <translation>{parent} 與 {child} 之間的 {cue}</translation>
    </message>
    <message>
        <source>{cue} between the two</source>
        <translation>兩者之間的 {cue}</translation>
    </message>
    <message>
        <source>stake {stake}% stated</source>
        <translation>明確持股 {stake}%</translation>
    </message>
    <message>
        <source>{source} → {target}: {why}</source>
        <translation>{source} → {target}：{why}</translation>
    </message>
    <message>
        <source>{found} of its {members} members named</source>
        <translation>提及其 {members} 家成員中的 {found} 家</translation>
    </message>
    <message>
        <source>title words {pct} in the headings</source>
        <translation>標題用詞 {pct} 見於各級標題</translation>
    </message>
    <message>
        <source>already a member</source>
        <translation>已是成員</translation>
    </message>
    <message>
        <source>this report names it too</source>
        <translation>本研報也提及</translation>
    </message>
    <message>
        <source>section heading naming a group of {n} listed companies</source>
        <translation>章節標題下列出 {n} 家上市公司</translation>
    </message>
    <message>
        <source>named in the section {title}</source>
        <translation>在章節 {title} 中提及</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>page {pages}</source>
        <translation>第 {pages} 頁</translation>
    </message>
    <message>
        <source>pages {pages}</source>
        <translation>第 {pages} 頁</translation>
    </message>
    <message>
        <source>header</source>
        <translation>頁首</translation>
    </message>
    <message>
        <source>footer</source>
        <translation>頁尾</translation>
    </message>
    <message>
        <source>{pages} without text (images only?)</source>
        <translation>{pages}沒有文字（只有圖片？）</translation>
    </message>
    <message>
        <source>{pages} read as two columns</source>
        <translation>{pages}按雙欄讀取</translation>
    </message>
    <message>
        <source>trafilatura is not installed: main text taken with the simple reader</source>
        <translation>未安裝 trafilatura：正文由簡易讀取器提取</translation>
    </message>
    <message>
        <source>no main text found by trafilatura: the page&apos;s text is taken whole</source>
        <translation>trafilatura 未找到正文：採用網頁全部文字</translation>
    </message>
    <message>
        <source>{n} CJK radical look-alikes replaced by their characters (⼈→人)</source>
        <translation>{n} 個形似部首的字元已替換為對應漢字（⼈→人）</translation>
    </message>
    <message>
        <source>running {where} {text} on {n} pages</source>
        <translation>{n} 頁上重複的{where} {text}</translation>
    </message>
    <message>
        <source>page numbers ({n})</source>
        <translation>頁碼（{n}）</translation>
    </message>
    <message>
        <source>disclaimer page {pages}</source>
        <translation>免責宣告頁 {pages}</translation>
    </message>
    <message>
        <source>disclaimer pages {pages}</source>
        <translation>免責宣告頁 {pages}</translation>
    </message>
    <message>
        <source>disclaimer section {text} at the end of page {n}</source>
        <translation>第 {n} 頁末尾的免責宣告部分 {text}</translation>
    </message>
    <message>
        <source>Already in the desk: this text is part of the report {what} ({file}; {m} of its {n} sentences are in that report); applying it would count that evidence twice.</source>
        <translation>系統中已有：此文本是研報 {what} 的一部分（{file}；其 {n} 句中有 {m} 句出自該研報）；應用會使這些證據重複計算。</translation>
    </message>
    <message>
        <source>Already in the desk: this text looks like part of the report {what} ({file}; {m} of its {n} sentences hold that report&apos;s quotes verbatim); applying it would count that evidence twice.</source>
        <translation>系統中已有：此文本似為研報 {what} 的一部分（{file}；其 {n} 句中有 {m} 句逐字含有該研報的引文）；應用會使這些證據重複計算。</translation>
    </message>
    <message>
        <source>{m} of its {n} sentences are that report&apos;s</source>
        <translation>其 {n} 句中有 {m} 句出自該研報</translation>
    </message>
    <message>
        <source>the same text</source>
        <translation>正文相同</translation>
    </message>
    <message>
        <source>all {n} of its quotes are in this text</source>
        <translation>其全部 {n} 條引文都在本文中</translation>
    </message>
    <message>
        <source>{m} of its {n} quotes are in this text</source>
        <translation>其 {n} 條引文中有 {m} 條在本文中</translation>
    </message>
    <message>
        <source>Already in the desk: this is the report {what} ({file}; {how}); applying it again would count its evidence twice.</source>
        <translation>系統中已有此研報：即 {what}（{file}；{how}）；再次應用會使其證據重複計算。</translation>
    </message>
</context>
<context>
    <name>RelativePerformanceChart</name>
    <message>
        <source>these listings</source>
        <translation>這些證券</translation>
    </message>
    <message>
        <source>no prices: {codes}</source>
        <translation>無行情：{codes}</translation>
    </message>
</context>
<context>
    <name>ReportFigures</name>
    <message>
        <source>Open a desk to see the reports&apos; figures (the knowledge base is not loaded yet).</source>
        <translation>開啟資料庫以檢視研報資料（知識庫尚未載入）。</translation>
    </message>
    <message>
        <source>The knowledge base has no {what} yet (data/figures/{table}.csv). It appears here once the table is added.</source>
        <translation>知識庫中尚無{what}（data/figures/{table}.csv）。新增該表後即在此顯示。</translation>
    </message>
    <message>
        <source>LLM API prices (input / output, per 1M tokens)</source>
        <translation>大模型 API 價格（輸入 / 輸出，每百萬 tokens）</translation>
    </message>
    <message>
        <source>LLM context windows</source>
        <translation>大模型上下文視窗</translation>
    </message>
    <message>
        <source>Daily token volumes</source>
        <translation>每日 token 呼叫量</translation>
    </message>
    <message>
        <source>MiniMax revenue forecast</source>
        <translation>MiniMax 收入預測</translation>
    </message>
    <message>
        <source>Zhipu revenue by customer industry</source>
        <translation>智譜按客戶行業劃分的收入</translation>
    </message>
    <message>
        <source>Model call market shares</source>
        <translation>模型呼叫市場份額</translation>
    </message>
    <message>
        <source>Suppliers&apos; shares of orders</source>
        <translation>供應商訂單份額</translation>
    </message>
    <message>
        <source>HK LLM listings</source>
        <translation>港股大模型上市</translation>
    </message>
    <message>
        <source>Spring Festival red-packet spending</source>
        <translation>春節紅包投入</translation>
    </message>
    <message>
        <source>Figure:</source>
        <translation>圖表：</translation>
    </message>
    <message>
        <source>numbers for “{title}”</source>
        <translation>「{title}」的資料</translation>
    </message>
    <message>
        <source>table for “{title}”</source>
        <translation>「{title}」的資料表</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>來源：</translation>
    </message>
    <message>
        <source>Context window (thousand tokens)</source>
        <translation>上下文視窗（千 tokens）</translation>
    </message>
    <message>
        <source>Daily token calls (trillion tokens / day)</source>
        <translation>每日 token 呼叫量（萬億 tokens / 天）</translation>
    </message>
    <message>
        <source>trillion tokens / day</source>
        <translation>萬億 tokens / 天</translation>
    </message>
    <message>
        <source>Revenue by segment (USD m; A = actual, E = Bloomberg consensus)</source>
        <translation>分業務收入（百萬美元；A = 實際，E = 彭博一致預期）</translation>
    </message>
    <message>
        <source>AI-native products</source>
        <translation>AI 原生產品</translation>
    </message>
    <message>
        <source>Open platform (API)</source>
        <translation>開放平臺（API）</translation>
    </message>
    <message>
        <source>Share-price gain after listing (%)</source>
        <translation>上市後股價漲幅（%）</translation>
    </message>
    <message>
        <source>Market cap (HKD bn)</source>
        <translation>市值（十億港元）</translation>
    </message>
    <message>
        <source>HKD bn</source>
        <translation>十億港元</translation>
    </message>
    <message>
        <source>Spring Festival 2026 AI red-packet spending (CNY bn)</source>
        <translation>2026 年春節 AI 紅包投入（十億元）</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>= (exact)</source>
        <translation>=（確切）</translation>
    </message>
    <message>
        <source>Accept (checked) or reject (unchecked); Space toggles the selected rows</source>
        <translation>接受（勾選）或拒絕（不勾選）；空格鍵切換所選列</translation>
    </message>
    <message>
        <source>⚠ argued</source>
        <translation>⚠ 推測</translation>
    </message>
    <message>
        <source>The sentence argues, hopes or guesses (可能, 有望, 或将, 若 …): not a stated fact</source>
        <translation>該句為論證、期望或推測（可能、有望、或將、若……），並非陳述的事實</translation>
    </message>
    <message>
        <source>Code / id</source>
        <translation>代碼 / ID</translation>
    </message>
    <message>
        <source>Double-click (or F2) to change the company this resolves to</source>
        <translation>雙擊（或按 F2）更改其對應的公司</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Exch.</source>
        <translation>市場</translation>
    </message>
    <message>
        <source>unlisted</source>
        <translation>未上市</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>提及次數</translation>
    </message>
    <message>
        <source>Conf.</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>弱比對</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>In KB</source>
        <translation>知識庫中</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Already in the knowledge base</source>
        <translation>已在知識庫中</translation>
    </message>
    <message>
        <source>New to the desk: added with the report</source>
        <translation>系統中沒有：隨研報一併新增</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>依據</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供應商</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>環節</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Argued</source>
        <translation>推測</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>份額</translation>
    </message>
    <message>
        <source>The figure as stated in the quote (edit: 0–100, empty = none)</source>
        <translation>引文中所述的數字（編輯：0–100，空 = 無）</translation>
    </message>
    <message>
        <source>Qual.</source>
        <translation>限定</translation>
    </message>
    <message>
        <source>How the share is qualified: &gt; 超/逾, ~ 约/近, = exact</source>
        <translation>份額的限定：&gt; 超/逾，~ 約/近，= 確切</translation>
    </message>
    <message>
        <source>Share of</source>
        <translation>份額口徑</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>From</source>
        <translation>來自</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>關係</translation>
    </message>
    <message>
        <source>To</source>
        <translation>指向</translation>
    </message>
    <message>
        <source>Stake</source>
        <translation>持股</translation>
    </message>
    <message>
        <source>Theme / member</source>
        <translation>主題 / 成分股</translation>
    </message>
    <message>
        <source>Kind / role</source>
        <translation>類型 / 角色</translation>
    </message>
    <message>
        <source>Quote / reason</source>
        <translation>原文 / 依據</translation>
    </message>
    <message>
        <source>new theme</source>
        <translation>新主題</translation>
    </message>
    <message>
        <source>existing theme</source>
        <translation>已有主題</translation>
    </message>
    <message>
        <source> (heading “{heading}”)</source>
        <translation>（標題「{heading}」）</translation>
    </message>
    <message>
        <source>member</source>
        <translation>成員</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Publisher / broker</source>
        <translation>發布機構 / 券商</translation>
    </message>
    <message>
        <source>Publisher (English)</source>
        <translation>發布機構（英文）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>YYYY-MM-DD or YYYY-MM</source>
        <translation>YYYY-MM-DD 或 YYYY-MM</translation>
    </message>
    <message>
        <source>Analysts</source>
        <translation>分析師</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>以逗號分隔</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>評級</translation>
    </message>
    <message>
        <source>From the text: “{text}”</source>
        <translation>來自原文：「{text}」</translation>
    </message>
    <message>
        <source>AI-compiled</source>
        <translation>AI 彙編</translation>
    </message>
    <message>
        <source>The text says it was generated or compiled by AI (like report 002)</source>
        <translation>文字聲明由 AI 生成或彙編（如研報 002）</translation>
    </message>
    <message>
        <source>Cites no sources</source>
        <translation>未註明來源</translation>
    </message>
    <message>
        <source>Claims from an AI-compiled report are flagged wherever they show (evidence, chain, print).</source>
        <translation>來自 AI 彙編研報的內容在各處（證據、產業鏈、列印）均會標註。</translation>
    </message>
    <message>
        <source>a title is needed</source>
        <translation>需要標題</translation>
    </message>
    <message>
        <source>a date is needed</source>
        <translation>需要日期</translation>
    </message>
    <message>
        <source>date “{date}” is not YYYY-MM-DD or YYYY-MM</source>
        <translation>日期「{date}」不是 YYYY-MM-DD 或 YYYY-MM 格式</translation>
    </message>
    <message>
        <source>Review — {title}</source>
        <translation>審閱 — {title}</translation>
    </message>
    <message>
        <source>company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>weak: check</source>
        <translation>弱匹配：請核對</translation>
    </message>
    <message>
        <source>unresolved</source>
        <translation>未識別</translation>
    </message>
    <message>
        <source>quote</source>
        <translation>引文</translation>
    </message>
    <message>
        <source>its parties</source>
        <translation>相關方</translation>
    </message>
    <message>
        <source>this mention</source>
        <translation>本處提及</translation>
    </message>
    <message>
        <source>Blue: a company the report names; yellow, wavy: a weak match to confirm; grey: a name or code that matched nothing known; green: the quote of the selected row</source>
        <translation>藍色：研報提及的公司；黃色波浪線：需確認的弱比對；灰色：未比對到已知對象的名稱或代碼；綠色：所選列的原文</translation>
    </message>
    <message>
        <source>{n} characters</source>
        <translation>{n} 個字元</translation>
    </message>
    <message>
        <source>{n} parts dropped by extraction</source>
        <translation>提取時刪除了 {n} 部分</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>研報</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Supplier edges</source>
        <translation>供應關係</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>關聯</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Accept all ≥</source>
        <translation>全部接受 ≥</translation>
    </message>
    <message>
        <source>Accept every company, edge, link, theme and member with at least this confidence</source>
        <translation>接受置信度不低於此值的所有公司、供應關係、關聯、主題和成分股</translation>
    </message>
    <message>
        <source>Add to watchlist</source>
        <translation>新增到自選股</translation>
    </message>
    <message>
        <source>Add the accepted listed companies to an existing watchlist or a new one (type a name)</source>
        <translation>將接受的上市公司新增到已有或新的自選股清單（輸入名稱）</translation>
    </message>
    <message>
        <source>an existing list or a new name</source>
        <translation>已有清單或新名稱</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>套用</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>“{text}”: no listing or known entity by that code or name.</source>
        <translation>「{text}」：沒有該代碼或名稱的上市公司或已知主體。</translation>
    </message>
    <message>
        <source>{old} now resolves to {ref} {name}.</source>
        <translation>{old} 現對應 {ref} {name}。</translation>
    </message>
    <message>
        <source>Theme {title}: {reason}</source>
        <translation>主題 {title}：{reason}</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代碼</translation>
    </message>
    <message>
        <source>name+code</source>
        <translation>名稱+代碼</translation>
    </message>
    <message>
        <source>{name}: mention {i} of {n} (“{surface}”, {kind}, {conf}: {reason}) — F3 / Shift+F3 next / previous</source>
        <translation>{name}：第 {i} / {n} 處提及（「{surface}」，{kind}，{conf}：{reason}）— F3 / Shift+F3 下一處 / 上一處</translation>
    </message>
    <message>
        <source>Accepted {n} more item(s) with confidence ≥ {x}.</source>
        <translation>又接受了 {n} 項置信度 ≥ {x} 的內容。</translation>
    </message>
    <message>
        <source>{a}/{b} companies</source>
        <translation>公司 {a}/{b}</translation>
    </message>
    <message>
        <source>{a}/{b} edges</source>
        <translation>供應關係 {a}/{b}</translation>
    </message>
    <message>
        <source>{a}/{b} links</source>
        <translation>關聯 {a}/{b}</translation>
    </message>
    <message>
        <source>{a}/{b} themes</source>
        <translation>主題 {a}/{b}</translation>
    </message>
    <message>
        <source>{a}/{b} members</source>
        <translation>成員 {a}/{b}</translation>
    </message>
    <message>
        <source>{counts} accepted</source>
        <translation>已接受：{counts}</translation>
    </message>
    <message>
        <source>Added report “{title}” (Ctrl+Z to undo): {what}</source>
        <translation>已新增研報「{title}」（Ctrl+Z 復原）：{what}</translation>
    </message>
    <message>
        <source>Add it as a second report anyway?</source>
        <translation>仍要作為第二份研報新增嗎？</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>Names or codes that matched nothing known:</source>
        <translation>未比對到已知對象的名稱或代碼：</translation>
    </message>
    <message>
        <source>“{surface}” at {start}: {reason}</source>
        <translation>位置 {start} 的「{surface}」：{reason}</translation>
    </message>
    <message>
        <source>Removed by extraction (headers, footers, disclaimers):</source>
        <translation>提取時刪除的內容（頁首、頁尾、免責聲明）：</translation>
    </message>
    <message>
        <source>Type the name of a watchlist (or untick “Add … to watchlist”).</source>
        <translation>請輸入自選股清單名稱（或取消勾選「新增到自選股」）。</translation>
    </message>
    <message>
        <source>Nothing was applied. Fix these, then Apply again:</source>
        <translation>未套用任何內容。請修正以下問題後再次套用：</translation>
    </message>
    <message>
        <source>Add report {title}</source>
        <translation>新增研報 {title}</translation>
    </message>
    <message>
        <source>{n} companies</source>
        <translation>{n} 家公司</translation>
    </message>
    <message>
        <source>{n} unlisted parties</source>
        <translation>{n} 個未上市主體</translation>
    </message>
    <message>
        <source>{n} supplier edges</source>
        <translation>{n} 條供應關係</translation>
    </message>
    <message>
        <source>{n} links</source>
        <translation>{n} 條關聯</translation>
    </message>
    <message>
        <source>{n} theme memberships</source>
        <translation>{n} 個主題成員</translation>
    </message>
    <message>
        <source>{n} new themes</source>
        <translation>{n} 個新主題</translation>
    </message>
    <message>
        <source>{n} new companies</source>
        <translation>{n} 家新公司</translation>
    </message>
    <message>
        <source>{n} added to {list}</source>
        <translation>{n} 家加入 {list}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>the report alone</source>
        <translation>僅研報本身</translation>
    </message>
    <message>
        <source>0–100, empty = not stated</source>
        <translation>0–100，空 = 未說明</translation>
    </message>
    <message>
        <source>code, name or pinyin</source>
        <translation>代碼、名稱或拼音</translation>
    </message>
</context>
<context>
    <name>Screening</name>
    <message>
        <source>Themes</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>尋找(&amp;F)…</translation>
    </message>
    <message>
        <source>Filter the table</source>
        <translation>篩選表格</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>清除篩選(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save screen…</source>
        <translation>儲存選股條件(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the filters under a name</source>
        <translation>以名稱儲存目前篩選條件</translation>
    </message>
    <message>
        <source>Saved scr&amp;eens</source>
        <translation>已儲存的選股條件(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete saved screen…</source>
        <translation>刪除已儲存的選股條件(&amp;D)…</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} / {total}</translation>
    </message>
    <message>
        <source>Save screen</source>
        <translation>儲存選股條件</translation>
    </message>
    <message>
        <source>Name for these filters:</source>
        <translation>篩選條件名稱：</translation>
    </message>
    <message>
        <source>Saved screen “{name}”</source>
        <translation>已儲存選股條件「{name}」</translation>
    </message>
    <message>
        <source>No saved screens.</source>
        <translation>沒有已儲存的選股條件。</translation>
    </message>
    <message>
        <source>Delete saved screen</source>
        <translation>刪除已儲存的選股條件</translation>
    </message>
    <message>
        <source>Screen:</source>
        <translation>選股條件：</translation>
    </message>
    <message>
        <source>(none saved yet)</source>
        <translation>（尚未儲存）</translation>
    </message>
    <message>
        <source>text “{text}”</source>
        <translation>文字「{text}」</translation>
    </message>
    <message>
        <source>market {markets}</source>
        <translation>市場 {markets}</translation>
    </message>
    <message>
        <source>theme {theme}</source>
        <translation>主題 {theme}</translation>
    </message>
    <message>
        <source>customer {customer}</source>
        <translation>客戶 {customer}</translation>
    </message>
    <message>
        <source>segment {segment}</source>
        <translation>環節 {segment}</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>狀態 {status}</translation>
    </message>
    <message>
        <source>share ≥ {share}%</source>
        <translation>份額 ≥ {share}%</translation>
    </message>
    <message>
        <source>tags {tags}</source>
        <translation>標籤 {tags}</translation>
    </message>
    <message>
        <source>rating ≥ {rating}</source>
        <translation>評級 ≥ {rating}</translation>
    </message>
</context>
<context>
    <name>StoreErrors</name>
    <message>
        <source>rating {value} is not a number from 1 to 5</source>
        <translation>{value} 不是 1 到 5 之間的數字</translation>
    </message>
    <message>
        <source>rating {value} must be a whole number from 1 to 5</source>
        <translation>{value} 必須是 1 到 5 之間的整數</translation>
    </message>
    <message>
        <source>target price {value} is not a number</source>
        <translation>{value} 不是數字</translation>
    </message>
    <message>
        <source>target price {value} must be a positive number</source>
        <translation>{value} 必須是正數</translation>
    </message>
</context>
<context>
    <name>TeamSync</name>
    <message>
        <source>Updated with other users&apos; changes</source>
        <translation>已同步其他使用者的更改</translation>
    </message>
    <message>
        <source>Open &amp;team database…</source>
        <translation>開啟團隊資料庫(&amp;T)…</translation>
    </message>
    <message>
        <source>Open a shared PostgreSQL database (postgresql://user@host:port/dbname)</source>
        <translation>開啟共享的 PostgreSQL 資料庫（postgresql://user@host:port/dbname）</translation>
    </message>
    <message>
        <source>Use personal st&amp;ore</source>
        <translation>使用個人資料庫(&amp;O)</translation>
    </message>
    <message>
        <source>Go back to the store file in your data folder</source>
        <translation>改回使用資料夾中的個人資料庫檔案</translation>
    </message>
    <message>
        <source>leave the password out of the URL: put it in ~/.pgpass (a line host:port:dbname:user:password, mode 0600) or a service file; Chainwatch never stores passwords</source>
        <translation>請勿在 URL 中包含密碼：請寫入 ~/.pgpass（一行 host:port:dbname:user:password，許可權 0600）或服務檔案；Chainwatch 從不儲存密碼</translation>
    </message>
    <message>
        <source>Open team database</source>
        <translation>開啟團隊資料庫</translation>
    </message>
    <message>
        <source>PostgreSQL URL (password from ~/.pgpass):</source>
        <translation>PostgreSQL URL（密碼取自 ~/.pgpass）：</translation>
    </message>
    <message>
        <source>Opening {store}…</source>
        <translation>正在開啟 {store}…</translation>
    </message>
    <message>
        <source>the personal store</source>
        <translation>個人資料庫</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>Theirs ({by}): {theirs}
Yours: {mine}</source>
        <translation>對方（{by}）：{theirs}
您的：{mine}</translation>
    </message>
    <message>
        <source>Use mine</source>
        <translation>使用我的</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>保留對方的</translation>
    </message>
</context>
<context>
    <name>ThemesPanel</name>
    <message>
        <source>Theme</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成分股</translation>
    </message>
    <message>
        <source>Select a theme to filter the table to its members.</source>
        <translation>選擇一個主題，將表格篩選為其成分股。</translation>
    </message>
</context>
<context>
    <name>Toolbar</name>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>New list</source>
        <translation>建立清單</translation>
    </message>
    <message>
        <source>Save screen</source>
        <translation>儲存選股條件</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>匯入</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
</context>
<context>
    <name>UniverseUpdate</name>
    <message>
        <source>Update &amp;company lists (A-share, Hong Kong)…</source>
        <translation>更新公司清單（A股、港股）(&amp;C)…</translation>
    </message>
    <message>
        <source>Download the current A-share and Hong Kong lists, so that search, Add and report ingestion know newly listed companies</source>
        <translation>下載最新的 A 股和港股清單，使搜尋、新增和研報匯入能識別新上市公司</translation>
    </message>
    <message>
        <source>Updating the A-share and Hong Kong company lists…</source>
        <translation>正在更新 A 股和港股公司清單…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Update company lists</source>
        <translation>更新公司清單</translation>
    </message>
    <message>
        <source>Cancelled before any list was downloaded.</source>
        <translation>已在下載任何清單前取消。</translation>
    </message>
    <message>
        <source>{n} listings are searchable now.</source>
        <translation>現在可搜尋 {n} 檔證券。</translation>
    </message>
    <message>
        <source>A-share list</source>
        <translation>A股名單</translation>
    </message>
    <message>
        <source>Hong Kong list</source>
        <translation>港股名單</translation>
    </message>
    <message>
        <source>{m}: {n} listings ({added} new, {gone} gone)</source>
        <translation>{m}：{n} 檔證券（新增 {added}，移除 {gone}）</translation>
    </message>
    <message>
        <source>the {n} cached listings are kept</source>
        <translation>保留已快取的 {n} 檔證券</translation>
    </message>
    <message>
        <source>the bundled list stays in use</source>
        <translation>繼續使用內建名單</translation>
    </message>
    <message>
        <source>{m}: cancelled — {keep}</source>
        <translation>{m}：已取消——{keep}</translation>
    </message>
    <message>
        <source>no connection (offline, or the site is blocked)</source>
        <translation>無法連線（離線，或網站被封鎖）</translation>
    </message>
    <message>
        <source>the source gave no usable list</source>
        <translation>資料來源沒有給出可用的名單</translation>
    </message>
    <message>
        <source>{m}: not updated — {why}; {keep}</source>
        <translation>{m}：未更新——{why}；{keep}</translation>
    </message>
    <message>
        <source>The update failed: {e}</source>
        <translation>更新失敗：{e}</translation>
    </message>
</context>
<context>
    <name>Watchlists</name>
    <message>
        <source>Watchlists</source>
        <translation>自選股清單</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>新增(&amp;A)…</translation>
    </message>
    <message>
        <source>Add by code, name or pinyin initials</source>
        <translation>按代碼、名稱或拼音首字母新增</translation>
    </message>
    <message>
        <source>Remove the selected rows from this list</source>
        <translation>從本清單刪除所選列</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>刪除(&amp;M)</translation>
    </message>
    <message>
        <source>Move u&amp;p</source>
        <translation>上移(&amp;P)</translation>
    </message>
    <message>
        <source>Move the selected rows up</source>
        <translation>上移所選列</translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation>下移(&amp;O)</translation>
    </message>
    <message>
        <source>Move the selected rows down</source>
        <translation>下移所選列</translation>
    </message>
    <message>
        <source>&amp;Copy codes</source>
        <translation>複製代碼(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected codes</source>
        <translation>複製所選代碼</translation>
    </message>
    <message>
        <source>&amp;New watchlist…</source>
        <translation>建立自選股清單(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a watchlist</source>
        <translation>建立一個自選股清單</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重新命名(&amp;R)…</translation>
    </message>
    <message>
        <source>Rename this watchlist</source>
        <translation>重新命名本自選股清單</translation>
    </message>
    <message>
        <source>&amp;Delete watchlist</source>
        <translation>刪除自選股清單(&amp;D)</translation>
    </message>
    <message>
        <source>Delete this watchlist</source>
        <translation>刪除本自選股清單</translation>
    </message>
    <message>
        <source>&amp;Copy selection to</source>
        <translation>複製所選到(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Move selection to</source>
        <translation>移動所選到(&amp;M)</translation>
    </message>
    <message>
        <source>Ne&amp;xt list</source>
        <translation>下一個清單(&amp;X)</translation>
    </message>
    <message>
        <source>Pre&amp;vious list</source>
        <translation>上一個清單(&amp;V)</translation>
    </message>
    <message>
        <source>All companies in the reports ({n})</source>
        <translation>研報提及的全部公司（{n}）</translation>
    </message>
    <message>
        <source>A-share universe + reports ({n})</source>
        <translation>全部 A 股 + 研報公司（{n}）</translation>
    </message>
    <message>
        <source>&amp;Add to list</source>
        <translation>新增到清單(&amp;A)</translation>
    </message>
    <message>
        <source>New watchlist…</source>
        <translation>建立自選股清單…</translation>
    </message>
    <message>
        <source>Copied {n} code(s)</source>
        <translation>已複製 {n} 個代碼</translation>
    </message>
    <message>
        <source>Create a watchlist first (Watchlist &gt; New).</source>
        <translation>請先建立自選股清單（自選股 &gt; 建立）。</translation>
    </message>
    <message>
        <source>Already in {list}: {codes}</source>
        <translation>已在「{list}」中：{codes}</translation>
    </message>
    <message>
        <source>Removed {n} from {list} (Ctrl+Z to undo)</source>
        <translation>已從「{list}」刪除 {n} 項（Ctrl+Z 復原）</translation>
    </message>
    <message>
        <source>Clear the sort (click the header with Ctrl) to reorder by dragging.</source>
        <translation>請先取消排序（按住 Ctrl 點選欄標題），再拖曳調整順序。</translation>
    </message>
    <message>
        <source>Added {n} to {list}</source>
        <translation>已新增 {n} 項到「{list}」</translation>
    </message>
    <message>
        <source>New watchlist</source>
        <translation>建立自選股清單</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名稱：</translation>
    </message>
    <message>
        <source>Rename watchlist</source>
        <translation>重新命名自選股清單</translation>
    </message>
    <message>
        <source>Delete watchlist</source>
        <translation>刪除自選股清單</translation>
    </message>
    <message>
        <source>Delete “{list}” and its {n} items? (Ctrl+Z undoes it)</source>
        <translation>刪除「{list}」及其 {n} 項？（可按 Ctrl+Z 復原）</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>{task} failed:</source>
        <translation>{task}失敗：</translation>
    </message>
</context>
</TS>
